package com.aiagents.platform.provisioning.kubernetes;

import com.aiagents.platform.api.TenantId;
import com.aiagents.platform.provisioning.kubernetes.ApplyResult.Action;
import com.aiagents.platform.provisioning.kubernetes.ApplyResult.Change;
import com.aiagents.platform.provisioning.kubernetes.ObjectStatus.State;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code KUBERNETES_MODE=manifests}: writes the planned objects as YAML for GitOps instead of
 * calling a cluster, one file per object at
 * {@code <KUBERNETES_MANIFESTS_DIR>/<tenant_id>/NN-<kind>-<name>.yaml} (NN is the object's place
 * in the plan, so a directory listing is also the order to apply in). Files are byte-stable: same
 * input, same bytes, and a file already as planned is not rewritten. Files of the tenant's other
 * tier are removed. {@code status} reads the files back; {@code delete} removes the tenant's
 * directory.
 *
 * <p><b>Secrets.</b> A GitOps repository must not hold credentials in clear (base64 is not
 * encryption), so by default the credentials Secret is <em>not written</em>: it is not part of
 * what {@code apply} writes or {@link ApplyResult} lists, {@code status} reports it
 * {@link State#EXTERNAL} (delivered out of band, not checked), and it must reach the cluster
 * another way (the runbook's {@code kubectl create secret} command, an External Secrets / Sealed
 * Secrets pipeline, or {@code cluster} mode for that tenant). Writing an empty or placeholder
 * Secret instead would let a GitOps sync overwrite the real credentials. Only with
 * {@code includeSecretValues} (for a throw-away local cluster) is the Secret written, with its
 * {@code data} base64-encoded like every other object.
 */
public final class ManifestsKubernetesProvisioner implements KubernetesProvisioner {

    private static final Pattern MANIFEST_FILE = Pattern.compile("^[0-9]{2}-[a-z]+-[a-z0-9.-]+\\.yaml$");

    private final Path directory;
    private final TenantResourcePlanner planner;
    private final boolean includeSecretValues;
    private final KubernetesSerialization serialization = new KubernetesSerialization();
    private final DriftDetector drift = new DriftDetector(serialization);

    /**
     * @param directory           {@code KUBERNETES_MANIFESTS_DIR}; created on first apply
     * @param includeSecretValues write the credentials Secret (values base64, in clear) too
     */
    public ManifestsKubernetesProvisioner(Path directory, TenantResourcePlanner planner, boolean includeSecretValues) {
        this.directory = Objects.requireNonNull(directory, "directory");
        this.planner = Objects.requireNonNull(planner, "planner");
        this.includeSecretValues = includeSecretValues;
    }

    /** The directory holding {@code tenantId}'s files. */
    public Path tenantDirectory(TenantId tenantId) {
        return directory.resolve(tenantId.value());
    }

    @Override
    public ApplyResult apply(TenantResources tenant) {
        TenantId tenantId = tenant.tenantId();
        Collection<String> secrets = tenant.secretData().values();
        Map<Path, HasMetadata> planned = files(tenant);
        List<Change> changes = new ArrayList<>();
        for (Map.Entry<Path, HasMetadata> entry : planned.entrySet()) {
            ObjectRef ref = ObjectRef.of(entry.getValue());
            byte[] content = serialization.asYaml(entry.getValue()).getBytes(StandardCharsets.UTF_8);
            Action action = io(tenantId, ref, "write", secrets, () -> write(entry.getKey(), content));
            ObjectLog.object(action, tenantId, ref, List.of());
            changes.add(new Change(ref, action));
        }
        for (Path stale : manifestFiles(tenantId)) {
            if (!planned.containsKey(stale)) {
                ObjectRef ref = refOf(tenantId, stale);
                io(tenantId, ref, "delete", secrets, () -> Files.deleteIfExists(stale));
                ObjectLog.object(Action.DELETED, tenantId, ref, List.of());
                changes.add(new Change(ref, Action.DELETED));
            }
        }
        return new ApplyResult(tenantId, tenant.tier(), changes);
    }

    @Override
    public ResourceStatus status(TenantResources tenant) {
        TenantId tenantId = tenant.tenantId();
        Path tenantDirectory = tenantDirectory(tenantId);
        List<HasMetadata> plan = planner.plan(tenant);
        List<ObjectStatus> objects = new ArrayList<>();
        for (int i = 0; i < plan.size(); i++) {
            HasMetadata desired = plan.get(i);
            objects.add(written(desired) ? statusOf(tenantId, fileFor(tenantDirectory, i, desired), desired)
                    : new ObjectStatus(ObjectRef.of(desired), State.EXTERNAL, List.of()));
        }
        Map<Path, HasMetadata> planned = files(tenantDirectory, plan); // the same plan: planning encodes the credentials
        for (Path stale : manifestFiles(tenantId)) {
            if (!planned.containsKey(stale)) {
                objects.add(new ObjectStatus(refOf(tenantId, stale), State.LEFTOVER, List.of()));
            }
        }
        return new ResourceStatus(tenantId, tenant.tier(), objects);
    }

    @Override
    public List<ObjectRef> delete(TenantId tenantId) {
        Path tenantDirectory = tenantDirectory(tenantId);
        List<ObjectRef> deleted = new ArrayList<>();
        for (Path file : manifestFiles(tenantId)) {
            deleted.add(refOf(tenantId, file));
        }
        ObjectRef directoryRef = new ObjectRef("Directory", null, tenantDirectory.toString());
        io(tenantId, directoryRef, "delete", List.of(), () -> {
            deleteRecursively(tenantDirectory);
            return null;
        });
        deleted.forEach(ref -> ObjectLog.object(Action.DELETED, tenantId, ref, List.of()));
        return deleted;
    }

    @Override
    public String probe() {
        ObjectRef ref = new ObjectRef("Directory", null, directory.toString());
        io(TenantId.of("health-check"), ref, "write", List.of(), () -> {
            Files.createDirectories(directory);
            Path probe = Files.createTempFile(directory, ".probe-", ".tmp");
            Files.delete(probe);
            return null;
        });
        return "manifests directory " + directory + " is writable";
    }

    /** Planned file → object, in plan order; without the Secret unless its values may be written. */
    private Map<Path, HasMetadata> files(TenantResources tenant) {
        return files(tenantDirectory(tenant.tenantId()), planner.plan(tenant));
    }

    private Map<Path, HasMetadata> files(Path tenantDirectory, List<HasMetadata> plan) {
        Map<Path, HasMetadata> files = new LinkedHashMap<>();
        for (int i = 0; i < plan.size(); i++) {
            HasMetadata object = plan.get(i);
            if (written(object)) {
                files.put(fileFor(tenantDirectory, i, object), object);
            }
        }
        return files;
    }

    /** Whether {@code object} goes into the directory: all but the Secret, unless its values may be written. */
    private boolean written(HasMetadata object) {
        return !(object instanceof Secret) || includeSecretValues;
    }

    /** {@code NN-<kind>-<name>.yaml}, NN being the object's place in the plan (from 1). */
    private static Path fileFor(Path tenantDirectory, int index, HasMetadata object) {
        return tenantDirectory.resolve(String.format(Locale.ROOT, "%02d-%s-%s.yaml", index + 1,
                object.getKind().toLowerCase(Locale.ROOT), object.getMetadata().getName()));
    }

    private ObjectStatus statusOf(TenantId tenantId, Path file, HasMetadata desired) {
        ObjectRef ref = ObjectRef.of(desired);
        if (!Files.isRegularFile(file)) {
            return new ObjectStatus(ref, State.MISSING, List.of());
        }
        HasMetadata actual = read(tenantId, file);
        if (actual == null) {
            return new ObjectStatus(ref, State.DRIFTED, List.of(file.getFileName() + ": not a Kubernetes object"));
        }
        List<String> differences = new ArrayList<>();
        if (!ref.equals(ObjectRef.of(actual))) {
            differences.add("object: desired " + ref + ", actual " + ObjectRef.of(actual));
        } else {
            differences.addAll(drift.differences(desired, actual));
        }
        return new ObjectStatus(ref, differences.isEmpty() ? State.PRESENT : State.DRIFTED, differences);
    }

    /** The file's object, or null if it holds none (hand-edited into something else). */
    private HasMetadata read(TenantId tenantId, Path file) {
        byte[] content = io(tenantId, new ObjectRef("File", null, file.toString()), "read", List.of(),
                () -> Files.readAllBytes(file));
        try {
            Object object = serialization.unmarshal(new String(content, StandardCharsets.UTF_8));
            return object instanceof HasMetadata hasMetadata && hasMetadata.getMetadata() != null
                    && hasMetadata.getMetadata().getName() != null ? hasMetadata : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private ObjectRef refOf(TenantId tenantId, Path file) {
        HasMetadata object = read(tenantId, file);
        return object != null ? ObjectRef.of(object) : new ObjectRef("File", null, file.getFileName().toString());
    }

    /** Our files in the tenant's directory, by name; none when it does not exist. */
    private List<Path> manifestFiles(TenantId tenantId) {
        Path tenantDirectory = tenantDirectory(tenantId);
        if (!Files.isDirectory(tenantDirectory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(tenantDirectory)) {
            return files.filter(f -> MANIFEST_FILE.matcher(f.getFileName().toString()).matches())
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new ProvisioningException(tenantId, new ObjectRef("Directory", null, tenantDirectory.toString()),
                    "list", 0, e.toString(), List.of());
        }
    }

    /**
     * Writes via a temporary file and an atomic rename, and only when the bytes differ, so readers
     * never see half a file and an unchanged object keeps its timestamp.
     */
    private static Action write(Path file, byte[] content) throws IOException {
        byte[] existing;
        try {
            existing = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            existing = null;
        }
        if (Arrays.equals(existing, content)) {
            return Action.UNCHANGED;
        }
        Files.createDirectories(file.getParent());
        Path temporary = file.resolveSibling("." + file.getFileName() + ".tmp");
        try {
            Files.write(temporary, content);
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temporary);
        }
        return existing == null ? Action.CREATED : Action.UPDATED;
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    @FunctionalInterface
    private interface IoAction<T> {
        T run() throws IOException;
    }

    private static <T> T io(TenantId tenantId, ObjectRef ref, String operation, Collection<String> secrets,
            IoAction<T> action) {
        try {
            return action.run();
        } catch (IOException e) {
            throw new ProvisioningException(tenantId, ref, operation, 0, e.toString(), secrets);
        }
    }
}
