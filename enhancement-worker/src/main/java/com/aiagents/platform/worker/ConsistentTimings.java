package com.aiagents.platform.worker;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Timings of different sections that only work together, refused at start-up with both values:
 * <ul>
 * <li>{@code queue.heartbeatTtl} at least twice {@code redis.timeoutMillis}: a Redis call may block
 * for up to its timeout, and a TTL shorter than two of them lets one slow (not failed) heartbeat
 * get a live worker reaped and its jobs claimed twice;</li>
 * <li>{@code postingLease} longer than {@code sdp.callTimeout}: once a claim's posting lease runs
 * out another claim may look for its note and post it, so the first claim's POST must be over
 * (answered, or given up by our SDP client) by then.</li>
 * </ul>
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = ConsistentTimings.Validator.class)
public @interface ConsistentTimings {
    String message() default "timings are inconsistent";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    final class Validator implements ConstraintValidator<ConsistentTimings, EnhancementWorkerConfiguration> {
        @Override
        public boolean isValid(EnhancementWorkerConfiguration config, ConstraintValidatorContext context) {
            if (config == null) {
                return true;
            }
            boolean valid = true;
            context.disableDefaultConstraintViolation();
            var ttl = config.getQueue() == null ? null : config.getQueue().getHeartbeatTtl();
            if (ttl != null && config.getRedis() != null && ttl.toMilliseconds() < 2L * config.getRedis().getTimeoutMillis()) {
                valid = false;
                violation(context, "queue.heartbeatTtl (" + ttl + ") must be at least twice redis.timeoutMillis ("
                        + config.getRedis().getTimeoutMillis() + " ms)");
            }
            var lease = config.getPostingLease();
            var call = config.getSdp() == null ? null : config.getSdp().getCallTimeout();
            if (lease != null && call != null && lease.toMilliseconds() <= call.toMilliseconds()) {
                valid = false;
                violation(context, "postingLease (" + lease + ") must be longer than sdp.callTimeout (" + call + ")");
            }
            return valid;
        }

        private static void violation(ConstraintValidatorContext context, String message) {
            // the message is literal text: escape what the interpolator would read as expressions
            context.buildConstraintViolationWithTemplate(message.replaceAll("([{}$\\\\])", "\\\\$1"))
                    .addConstraintViolation();
        }
    }
}
