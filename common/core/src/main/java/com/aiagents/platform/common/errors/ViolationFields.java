package com.aiagents.platform.common.errors;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import java.util.List;
import java.util.Map;

/**
 * Names the field of a constraint violation as the client wrote it ({@code enhancement_preferences.max_tokens}),
 * not as Java calls it ({@code create.request.enhancementPreferences.maxTokens}): it walks the validated
 * value along the violation's path and asks Jackson for each property's JSON name.
 */
final class ViolationFields {
    private static final List<String> PARAMETER_PREFIXES =
            List.of("query param ", "path param ", "header ", "cookie ", "form field ", "matrix param ");

    private final ObjectMapper mapper;

    ViolationFields(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    String fieldOf(ConstraintViolation<?> violation) {
        StringBuilder field = new StringBuilder();
        String parameter = null;
        Object current = violation.getExecutableParameters() == null ? violation.getRootBean() : null;
        for (Path.Node node : violation.getPropertyPath()) {
            switch (node.getKind()) {
                case PARAMETER -> {
                    int index = node.as(Path.ParameterNode.class).getParameterIndex();
                    parameter = node.getName();
                    current = violation.getExecutableParameters()[index];
                }
                case PROPERTY, BEAN, CONTAINER_ELEMENT -> current = append(field, node, current);
                default -> {
                    // method, constructor, cross-parameter, return value: not part of the client's input
                }
            }
        }
        return field.length() > 0 ? field.toString() : parameterName(parameter);
    }

    private Object append(StringBuilder field, Path.Node node, Object current) {
        Object value = current;
        if (node.isInIterable()) {
            value = element(value, node);
            field.append('[').append(node.getIndex() != null ? node.getIndex() : node.getKey()).append(']');
        }
        if (node.getKind() != ElementKind.PROPERTY || node.getName() == null) {
            return value;
        }
        BeanPropertyDefinition property = property(value, node.getName());
        if (field.length() > 0) {
            field.append('.');
        }
        field.append(property == null ? node.getName() : property.getName());
        return property == null ? null : valueOf(property, value);
    }

    private BeanPropertyDefinition property(Object bean, String javaName) {
        if (bean == null) {
            return null;
        }
        BeanDescription description = mapper.getDeserializationConfig().introspect(mapper.constructType(bean.getClass()));
        for (BeanPropertyDefinition property : description.findProperties()) {
            if (property.getInternalName().equals(javaName)) {
                return property;
            }
        }
        return null;
    }

    private static Object valueOf(BeanPropertyDefinition property, Object bean) {
        AnnotatedMember accessor = property.getAccessor();
        if (accessor == null) {
            return null;
        }
        try {
            accessor.fixAccess(true);
            return accessor.getValue(bean);
        } catch (RuntimeException inaccessible) {
            return null; // the name is still right; only deeper names fall back to Java's
        }
    }

    private static Object element(Object container, Path.Node node) {
        if (container instanceof List<?> list && node.getIndex() != null && node.getIndex() < list.size()) {
            return list.get(node.getIndex());
        }
        if (container instanceof Map<?, ?> map && node.getKey() != null) {
            return map.get(node.getKey());
        }
        return null;
    }

    private static String parameterName(String parameter) {
        if (parameter == null) {
            return "body";
        }
        for (String prefix : PARAMETER_PREFIXES) {
            if (parameter.startsWith(prefix)) {
                return parameter.substring(prefix.length());
            }
        }
        return "body"; // Dropwizard names annotated parameters by their annotation; the rest is the entity
    }
}
