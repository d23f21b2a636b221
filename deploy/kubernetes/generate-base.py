"""Writes the per-service files of deploy/kubernetes/base (Deployments, Services, PDBs, HPAs, NetworkPolicies,
RBAC, the migration Job) from one description, so the five services cannot drift apart. Edit here, then run
`python3 deploy/kubernetes/generate-base.py` and commit both. kustomization.yaml, namespace.yaml and
configmap.yaml are written by hand."""
import os
import yaml

os.chdir(os.path.join(os.path.dirname(os.path.abspath(__file__)), 'base'))
class Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data): return True
def dump(path, docs, header):
    with open(path, 'w') as f:
        f.write(header.rstrip() + '\n')
        f.write(yaml.dump_all(docs, Dumper=Dumper, sort_keys=False, default_flow_style=False, width=120, explicit_start=True))
PART = 'ai-agents-platform'
def labels(name): return {'app.kubernetes.io/name': name, 'app.kubernetes.io/part-of': PART}
SECRET = 'ai-agents-secrets'
def secret_env(var, key, optional=False):
    ref = {'name': SECRET, 'key': key}
    if optional: ref['optional'] = True
    return {'name': var, 'valueFrom': {'secretKeyRef': ref}}
# DATABASE_URL lives in its own ConfigMap (configmap.yaml), so that it reaches only the workloads with a database role
def database_url_env(): return {'name': 'DATABASE_URL', 'valueFrom': {'configMapKeyRef': {'name': 'ai-agents-database', 'key': 'url'}}}
def database_env(role):
    """DATABASE_USER / DATABASE_PASSWORD: the workload's OWN runtime role (created and granted by db migrate)."""
    return [database_url_env(), secret_env('DATABASE_USER', f'{role}-database-user'),
            secret_env('DATABASE_PASSWORD', f'{role}-database-password')]
# service identities: each service presents its own token and accepts the tokens of the services that call it
TOKENS = {'webhook-gateway': ('GATEWAY_SERVICE_TOKEN', 'gateway-service-token'),
          'enhancement-worker': ('WORKER_SERVICE_TOKEN', 'worker-service-token'),
          'gates-runner': ('GATES_SERVICE_TOKEN', 'gates-service-token'),
          'provisioning-service': ('PROVISIONING_SERVICE_TOKEN', 'provisioning-service-token')}
CALLERS = {'tenant-service': ['webhook-gateway', 'enhancement-worker', 'gates-runner', 'provisioning-service'],
           'webhook-gateway': [],
           'enhancement-worker': ['gates-runner', 'provisioning-service'],  # determinism probe; ticket-history import
           'gates-runner': ['provisioning-service'],                         # POST /v1/gate-runs
           'provisioning-service': ['gates-runner'],                         # GET /v1/tenants/{id}/kubernetes (gate 4)
           'operator-console': []}  # no token of its own: it calls the services with the signed-in person's token
def token_env(name):
    services = ([name] if name in TOKENS else []) + CALLERS[name]
    return [secret_env(*TOKENS[s]) for s in services]
# the break-glass admin token, as its SHA-256, only to the operator APIs (never to the gateway); optional: no service needs it to run
ADMIN_TOKEN = secret_env('PLATFORM_ADMIN_TOKEN_SHA256', 'platform-admin-token-sha256', optional=True)
LLM_KEY = secret_env('LLM_API_KEY', 'llm-api-key', optional=True)
# the platform's feedback signing key (docs/feedback.md): the worker signs the links in its notes, the gateway verifies
# them; nobody else holds it. Optional: without it notes carry no feedback links. The previous key only to the gateway.
FEEDBACK_KEY = secret_env('FEEDBACK_SIGNING_KEY', 'feedback-signing-key', optional=True)
FEEDBACK_PREVIOUS_KEY = secret_env('FEEDBACK_PREVIOUS_SIGNING_KEY', 'feedback-previous-signing-key', optional=True)
# people's access tokens (docs/people-and-access.md): tenant-service signs with the first key and publishes all. Required:
# with more than one replica, a key generated at start by each would make every other replica's tokens unverifiable.
SIGNING_KEYS = secret_env('AUTH_SIGNING_KEYS', 'auth-signing-keys')
# the welcome mail's SMTP password (docs/api/tenant-service.md#welcome-e-mail): only tenant-service sends mail. Optional:
# an SMTP server without login, or no SMTP at all (SMTP_HOST empty in configmap.yaml: mail disabled)
SMTP_PASSWORD = secret_env('SMTP_PASSWORD', 'smtp-password', optional=True)
# the OpenID Connect client secret (docs/people-and-access.md#signing-in-with-openid-connect): only tenant-service
# exchanges codes with the provider. Optional: OIDC sign-in is off (OIDC_ISSUER empty), or the client is public
OIDC_CLIENT_SECRET = secret_env('OIDC_CLIENT_SECRET', 'oidc-client-secret', optional=True)
def workload_env(name):
    """Every secret (and DATABASE_URL) a workload gets, and nothing more: deploy/deployment-checks declares the same list."""
    return {
        'tenant-service': database_env('tenant-service') + [secret_env('TENANT_ENCRYPTION_KEY', 'tenant-encryption-key'), ADMIN_TOKEN,
                                                             SIGNING_KEYS, SMTP_PASSWORD, OIDC_CLIENT_SECRET],
        'webhook-gateway': [FEEDBACK_KEY, FEEDBACK_PREVIOUS_KEY],
        'enhancement-worker': database_env('enhancement-worker') + [ADMIN_TOKEN, LLM_KEY, FEEDBACK_KEY],
        'provisioning-service': database_env('provisioning-service') + [ADMIN_TOKEN],
        'gates-runner': database_env('gates-runner') + [ADMIN_TOKEN, LLM_KEY],  # gate 4 checks the LLM endpoint
        # the web console (docs/console.md): no database role, no token, no secret at all
        'operator-console': [],
    }[name] + token_env(name)
SHARED_TENANT_NAMESPACE = 'ai-agents-tenants'  # basic tenants' credentials Secrets: nothing else lives there
DATA_NAMESPACE = 'ai-agents-data'              # PostgreSQL and Redis (configmap.yaml's addresses)
services = [
 # name, app, admin, replicas, requests, limits, extra env, sa automount
 ('tenant-service', 8081, 9081, 2, ('250m','512Mi'), ('1','768Mi'), [], False),
 ('webhook-gateway', 8080, 9080, 2, ('250m','384Mi'), ('1','640Mi'), [], False),
 # the vector scan's SIMD kernel is the JDK's Vector API, an incubator module in Java 17 (docs/retrieval.md)
 ('enhancement-worker', 8082, 9082, 2, ('500m','768Mi'), ('2','1Gi'), [{'name': 'JDK_JAVA_OPTIONS', 'value': '--add-modules=jdk.incubator.vector'}], False),
 ('provisioning-service', 8083, 9083, 2, ('250m','512Mi'), ('1','768Mi'), [{'name': 'KUBERNETES_MODE', 'value': 'cluster'},
   {'name': 'KUBERNETES_SHARED_NAMESPACE', 'value': SHARED_TENANT_NAMESPACE}, {'name': 'KUBERNETES_DATA_NAMESPACE', 'value': DATA_NAMESPACE},
   # the pod's name: a replica restarted under the same name releases its own dead onboarding runs at once
   {'name': 'ONBOARDING_INSTANCE_ID', 'valueFrom': {'fieldRef': {'fieldPath': 'metadata.name'}}}], True),
 ('gates-runner', 8084, 9084, 1, ('250m','512Mi'), ('1','1Gi'), [], False),
 # sessions live in one replica's memory (docs/console.md#sessions): one replica, or several behind an ingress
 # with cookie affinity. Browsers reach it through the ingress over TLS, so its cookie is Secure.
 ('operator-console', 8085, 9085, 1, ('100m','256Mi'), ('500m','512Mi'), [{'name': 'CONSOLE_SECURE_COOKIES', 'value': 'true'}], False),
]
for name, app, admin, replicas, req, lim, extra, automount in services:
    container = {
        'name': name,
        # a logical name: each overlay's `images:` block is the one place that says registry and tag or digest
        'image': f'ai-agents/{name}',
        'imagePullPolicy': 'IfNotPresent',
        'ports': [{'name': 'http', 'containerPort': app}, {'name': 'admin', 'containerPort': admin}],
        'envFrom': [{'configMapRef': {'name': 'ai-agents-config'}}],
        'env': workload_env(name) + extra,
        # start-up: a JVM and Dropwizard take a while; nothing else probes until this passes
        'startupProbe': {'httpGet': {'path': '/health-check/alive', 'port': 'admin'}, 'periodSeconds': 5, 'failureThreshold': 36},
        # ready = the service's own dependencies pass (its critical health checks, docs/health.md); a peer service
        # never counts, so no two services can hold each other out of rotation. The service already debounces.
        'readinessProbe': {'httpGet': {'path': '/health-check', 'port': 'admin'}, 'periodSeconds': 5,
                           'timeoutSeconds': 3, 'failureThreshold': 2},
        # alive = nothing outside the process (no deadlocked threads); an outage of a dependency never restarts pods
        'livenessProbe': {'httpGet': {'path': '/health-check/alive', 'port': 'admin'}, 'periodSeconds': 20,
                          'timeoutSeconds': 5, 'failureThreshold': 3},
        'resources': {'requests': {'cpu': req[0], 'memory': req[1]}, 'limits': {'cpu': lim[0], 'memory': lim[1]}},
        'securityContext': {'allowPrivilegeEscalation': False, 'readOnlyRootFilesystem': True,
                            'capabilities': {'drop': ['ALL']}},
        'volumeMounts': [{'name': 'tmp', 'mountPath': '/tmp'}],
    }
    deployment = {
        'apiVersion': 'apps/v1', 'kind': 'Deployment',
        'metadata': {'name': name, 'labels': labels(name)},
        'spec': {
            **({} if name in ('webhook-gateway', 'enhancement-worker') else {'replicas': replicas}),
            'revisionHistoryLimit': 5,
            'selector': {'matchLabels': {'app.kubernetes.io/name': name}},
            'strategy': {'type': 'RollingUpdate', 'rollingUpdate': {'maxUnavailable': 0, 'maxSurge': 1}},
            'template': {
                'metadata': {'labels': labels(name),
                             'annotations': {'prometheus.io/scrape': 'true', 'prometheus.io/port': str(admin),
                                             'prometheus.io/path': '/metrics'}},
                'spec': {
                    'serviceAccountName': name,
                    'automountServiceAccountToken': automount,
                    'terminationGracePeriodSeconds': 45,
                    'securityContext': {'runAsNonRoot': True, 'runAsUser': 10001, 'runAsGroup': 10001,
                                        'fsGroup': 10001, 'seccompProfile': {'type': 'RuntimeDefault'}},
                    'containers': [container],
                    'volumes': [{'name': 'tmp', 'emptyDir': {}}],
                    # replicas on different nodes (and zones where there are any): a node drain takes one, not all
                    'topologySpreadConstraints': [
                        {'maxSkew': 1, 'topologyKey': key, 'whenUnsatisfiable': 'ScheduleAnyway',
                         'labelSelector': {'matchLabels': {'app.kubernetes.io/name': name}}}
                        for key in ('kubernetes.io/hostname', 'topology.kubernetes.io/zone')],
                },
            },
        },
    }
    service = {'apiVersion': 'v1', 'kind': 'Service', 'metadata': {'name': name, 'labels': labels(name)},
               'spec': {'selector': {'app.kubernetes.io/name': name},
                        'ports': [{'name': 'http', 'port': app, 'targetPort': 'http'},
                                  {'name': 'admin', 'port': admin, 'targetPort': 'admin'}]}}
    metrics = {'apiVersion': 'v1', 'kind': 'Service', 'metadata': {'name': f'{name}-metrics', 'labels': labels(name)},
               # not-ready pods too: an instance that runs but is not ready is still scraped (up, health gauges)
               'spec': {'clusterIP': 'None', 'publishNotReadyAddresses': True, 'selector': {'app.kubernetes.io/name': name},
                        'ports': [{'name': 'admin', 'port': admin, 'targetPort': 'admin'}]}}
    pdb = {'apiVersion': 'policy/v1', 'kind': 'PodDisruptionBudget', 'metadata': {'name': name, 'labels': labels(name)},
           'spec': {'maxUnavailable': 1, 'selector': {'matchLabels': {'app.kubernetes.io/name': name}}}}
    sa = {'apiVersion': 'v1', 'kind': 'ServiceAccount', 'metadata': {'name': name, 'labels': labels(name)},
          'automountServiceAccountToken': automount}
    docs = [sa, deployment, service, metrics, pdb]
    dump(f'{name}.yaml', docs, f'# {name}: ServiceAccount, Deployment, Service (app {app}, admin {admin}), headless metrics Service, PodDisruptionBudget.\n'
         '# Secrets come from the Secret ai-agents-secrets (secretKeyRef), which is created outside this repository (see docs/runbooks/handoff.md).')

hpas = []
for name, lo, hi, cpu in [('webhook-gateway', 2, 10, 70)]:
    hpas.append({'apiVersion': 'autoscaling/v2', 'kind': 'HorizontalPodAutoscaler',
                 'metadata': {'name': name, 'labels': labels(name)},
                 'spec': {'scaleTargetRef': {'apiVersion': 'apps/v1', 'kind': 'Deployment', 'name': name},
                          'minReplicas': lo, 'maxReplicas': hi,
                          'metrics': [{'type': 'Resource', 'resource': {'name': 'cpu', 'target': {'type': 'Utilization', 'averageUtilization': cpu}}}],
                          'behavior': {'scaleDown': {'stabilizationWindowSeconds': 300,
                                                     'policies': [{'type': 'Pods', 'value': 1, 'periodSeconds': 60}]}}}})
# The worker waits on SDP and the LLM, so its CPU stays low however long the backlog: it scales on the backlog
# itself. KEDA's Redis list trigger reads only the lists it names (the per-tenant lists come and go), so the
# trigger is the Prometheus sum of every waiting list (max over the replicas that report the same lists) plus the
# jobs in flight, against WORKER_CONCURRENCY jobs per replica.
WORKER_BACKLOG = ('sum(max by (queue) (redis_queue_depth{queue!~".*:dead"})) '
                  '+ sum(worker_active_tasks)')
hpas.append({'apiVersion': 'keda.sh/v1alpha1', 'kind': 'ScaledObject',
             'metadata': {'name': 'enhancement-worker', 'labels': labels('enhancement-worker')},
             'spec': {'scaleTargetRef': {'name': 'enhancement-worker'},
                      'minReplicaCount': 2, 'maxReplicaCount': 20, 'pollingInterval': 15, 'cooldownPeriod': 300,
                      'advanced': {'horizontalPodAutoscalerConfig': {'behavior': {'scaleDown': {
                          'stabilizationWindowSeconds': 300, 'policies': [{'type': 'Pods', 'value': 2, 'periodSeconds': 60}]}}}},
                      'triggers': [{'type': 'prometheus', 'metadata': {
                          'serverAddress': 'http://prometheus.monitoring.svc.cluster.local:9090',
                          'query': WORKER_BACKLOG, 'threshold': '8', 'activationThreshold': '1'}}]}})
dump('hpa.yaml', hpas, '# Autoscaling for the two services whose load follows ticket traffic: the gateway on CPU (it verifies and enqueues),\n# the worker on its backlog through KEDA (needs KEDA 2.x in the cluster). Scale-down is slow so a burst does not flap.')

pl = lambda n: {'podSelector': {'matchLabels': {'app.kubernetes.io/name': n}}}
ingress_ns = {'namespaceSelector': {'matchLabels': {'kubernetes.io/metadata.name': 'ingress-nginx'}}}
monitoring_ns = {'namespaceSelector': {'matchLabels': {'kubernetes.io/metadata.name': 'monitoring'}}}
def np(name, target, rules, policy_types=('Ingress',), egress=None):
    spec = {'podSelector': target, 'policyTypes': list(policy_types)}
    if 'Ingress' in policy_types: spec['ingress'] = rules
    if egress is not None: spec['egress'] = egress
    return {'apiVersion': 'networking.k8s.io/v1', 'kind': 'NetworkPolicy', 'metadata': {'name': name, 'labels': {'app.kubernetes.io/part-of': PART}}, 'spec': spec}
def port(p): return {'protocol': 'TCP', 'port': p}
sel = lambda n: {'matchLabels': {'app.kubernetes.io/name': n}}
admin_ports = [port(p) for p in (9080, 9081, 9082, 9083, 9084, 9085)]
nps = [
    np('default-deny', {}, [], policy_types=('Ingress', 'Egress'), egress=[]),
    np('allow-egress-dependencies', {}, [], policy_types=('Egress',), egress=[
        {'to': [{'namespaceSelector': {'matchLabels': {'kubernetes.io/metadata.name': 'kube-system'}}, 'podSelector': {'matchLabels': {'k8s-app': 'kube-dns'}}}],
         'ports': [{'protocol': 'UDP', 'port': 53}, {'protocol': 'TCP', 'port': 53}]},
        {'to': [{'podSelector': {}}]},
        {'ports': [port(5432), port(6379), port(443), port(6443), port(4318)]},
    ]),
    # the welcome mail: tenant-service alone talks SMTP (submission 587 with STARTTLS, SMTPS 465)
    np('tenant-service-egress-smtp', sel('tenant-service'), [], policy_types=('Egress',), egress=[
        {'ports': [port(587), port(465)]},
    ]),
    np('allow-metrics-scrape', {'matchLabels': {'app.kubernetes.io/part-of': PART}}, [{'from': [monitoring_ns], 'ports': admin_ports}]),
    # second rule of each: the peers whose health checks poll this service's /health-check (*_HEALTH_URL in configmap.yaml)
    np('webhook-gateway-ingress', sel('webhook-gateway'), [{'from': [ingress_ns, pl('operator-console')], 'ports': [port(8080)]},
                                                           {'from': [pl('provisioning-service')], 'ports': [port(9080)]}]),
    np('tenant-service-ingress', sel('tenant-service'), [{'from': [pl('webhook-gateway'), pl('enhancement-worker'), pl('provisioning-service'), pl('gates-runner'), pl('operator-console'), ingress_ns], 'ports': [port(8081)]},
                                                         {'from': [pl('webhook-gateway'), pl('enhancement-worker'), pl('provisioning-service')], 'ports': [port(9081)]}]),
    np('provisioning-service-ingress', sel('provisioning-service'), [{'from': [ingress_ns, pl('gates-runner'), pl('operator-console')], 'ports': [port(8083)]}]),
    np('gates-runner-ingress', sel('gates-runner'), [{'from': [pl('provisioning-service'), pl('operator-console'), ingress_ns], 'ports': [port(8084)]},
                                                     {'from': [pl('provisioning-service')], 'ports': [port(9084)]}]),
    np('enhancement-worker-ingress', sel('enhancement-worker'), [{'from': [pl('gates-runner'), pl('provisioning-service'), pl('operator-console')], 'ports': [port(8082)]},
                                                                 {'from': [pl('provisioning-service')], 'ports': [port(9082)]}]),
    # the web console: browsers through the ingress only
    np('operator-console-ingress', sel('operator-console'), [{'from': [ingress_ns], 'ports': [port(8085)]}]),
]
dump('network-policies.yaml', nps, '# Deny by default; then: webhooks and operator APIs only through the ingress controller, service-to-service\n'
     '# calls only between the services that make them, admin ports (/metrics) from the monitoring namespace and\n'
     '# (/health-check) from the peers whose health checks poll them.\n'
     '# Egress: DNS, pods of this namespace, PostgreSQL 5432, Redis 6379, HTTPS 443 (SDP, LLM, the OpenID Connect provider), the API server (6443)\n'
     '# and OTLP/HTTP 4318 (traces, docs/tracing.md); tenant-service also SMTP 587/465 (the welcome mail).\n'
     '# Enforced only by a CNI that supports NetworkPolicy (Calico, Cilium, ...): see docs/kubernetes.md.')

RBAC = 'rbac.authorization.k8s.io'
PROVISIONING_SA = {'kind': 'ServiceAccount', 'name': 'provisioning-service', 'namespace': 'ai-agents'}
TENANT_WORKLOAD_ROLE = 'ai-agents-tenant-workload'        # what a premium tenant's ServiceAccount may do in its namespace
TENANT_PROVISIONER_ROLE = 'ai-agents-tenant-provisioner'  # what provisioning-service may do inside a namespace it manages
verbs = ['get', 'create', 'update', 'delete']
def cluster_role(name, rules, component='provisioning-service'):
    return {'apiVersion': f'{RBAC}/v1', 'kind': 'ClusterRole', 'metadata': {'name': name, 'labels': labels(component)}, 'rules': rules}
rbac = [
    # cluster-wide: only what cannot be namespaced (tenant namespaces are created at run time) and no Secret at all
    cluster_role('ai-agents-provisioning', [
        {'apiGroups': [''], 'resources': ['namespaces'], 'verbs': verbs},
        {'apiGroups': [RBAC], 'resources': ['rolebindings'], 'verbs': verbs},
        # RBAC escalation prevention: a RoleBinding may name a role only if one holds its rights or may bind it
        {'apiGroups': [RBAC], 'resources': ['clusterroles'], 'verbs': ['bind'],
         'resourceNames': [TENANT_WORKLOAD_ROLE, TENANT_PROVISIONER_ROLE]},
    ]),
    {'apiVersion': f'{RBAC}/v1', 'kind': 'ClusterRoleBinding', 'metadata': {'name': 'ai-agents-provisioning', 'labels': labels('provisioning-service')},
     'roleRef': {'apiGroup': RBAC, 'kind': 'ClusterRole', 'name': 'ai-agents-provisioning'},
     'subjects': [PROVISIONING_SA]},
    # granted only through RoleBindings: provisioning-service binds it to itself in each tenant namespace it creates
    cluster_role(TENANT_PROVISIONER_ROLE, [
        {'apiGroups': [''], 'resources': ['secrets', 'serviceaccounts', 'resourcequotas', 'limitranges'], 'verbs': verbs},
        {'apiGroups': ['networking.k8s.io'], 'resources': ['networkpolicies'], 'verbs': verbs},
        # the Role tenant-reader of earlier releases is removed on the next apply
        {'apiGroups': [RBAC], 'resources': ['roles'], 'verbs': ['get', 'delete']},
    ]),
    {'apiVersion': f'{RBAC}/v1', 'kind': 'RoleBinding',
     'metadata': {'name': 'ai-agents-provisioning', 'namespace': SHARED_TENANT_NAMESPACE, 'labels': labels('provisioning-service')},
     'roleRef': {'apiGroup': RBAC, 'kind': 'ClusterRole', 'name': TENANT_PROVISIONER_ROLE},
     'subjects': [PROVISIONING_SA]},
    # bound by provisioning-service to each premium tenant's ServiceAccount: read its own namespace, no Secrets
    cluster_role(TENANT_WORKLOAD_ROLE, [
        {'apiGroups': [''], 'resources': ['pods', 'services', 'configmaps'], 'verbs': ['get', 'list', 'watch']},
    ]),
]
dump('rbac-provisioning.yaml', rbac, '# What provisioning-service may do in cluster mode (docs/kubernetes.md, "RBAC that provisioning-service needs").\n'
     '# Cluster-wide it may only manage namespaces and RoleBindings and bind two named ClusterRoles; Secrets and the other\n'
     '# tenant objects only inside namespaces where a RoleBinding grants ai-agents-tenant-provisioner: the shared namespace\n'
     '# ai-agents-tenants (below) and each tenant namespace (a binding it creates right after the namespace).\n'
     '# admission-provisioning.yaml confines its writes to those namespaces and to objects labelled as managed by the platform.')

def owner_label(obj): return f"(has({obj}.metadata.labels) && 'app.kubernetes.io/managed-by' in {obj}.metadata.labels && {obj}.metadata.labels['app.kubernetes.io/managed-by'] == 'ai-agents-platform')"
rule = lambda group, resources: {'apiGroups': [group], 'apiVersions': ['*'], 'resources': resources, 'operations': ['CREATE', 'UPDATE', 'DELETE']}
sa_user = f"system:serviceaccount:{PROVISIONING_SA['namespace']}:{PROVISIONING_SA['name']}"
admission = [
    {'apiVersion': 'admissionregistration.k8s.io/v1', 'kind': 'ValidatingAdmissionPolicy',
     'metadata': {'name': 'ai-agents-provisioning-scope', 'labels': labels('provisioning-service')},
     'spec': {
         'failurePolicy': 'Fail',
         'matchConstraints': {'resourceRules': [
             rule('', ['namespaces', 'secrets', 'serviceaccounts', 'resourcequotas', 'limitranges']),
             rule(RBAC, ['roles', 'rolebindings']),
             rule('networking.k8s.io', ['networkpolicies'])]},
         'matchConditions': [{'name': 'provisioning-service-only', 'expression': f"request.userInfo.username == '{sa_user}'"}],
         'variables': [
             {'name': 'target', 'expression': "request.operation == 'DELETE' ? oldObject : object"},
             {'name': 'namespaceName', 'expression': "request.resource.resource == 'namespaces' ? request.name : request.namespace"},
             {'name': 'shared', 'expression': f"variables.namespaceName == '{SHARED_TENANT_NAMESPACE}'"},
         ],
         'validations': [
             {'expression': "variables.namespaceName.startsWith('tenant-') || (variables.shared && request.resource.resource == 'secrets')",
              'message': f'provisioning-service writes only in tenant-* namespaces, and credentials Secrets in {SHARED_TENANT_NAMESPACE}'},
             {'expression': owner_label('variables.target'),
              'message': 'provisioning-service writes only objects labelled app.kubernetes.io/managed-by: ai-agents-platform'},
             {'expression': f"request.operation != 'UPDATE' || {owner_label('oldObject')}",
              'message': 'provisioning-service does not take over objects it did not create'},
             {'expression': f"request.resource.resource == 'namespaces' || variables.shared || {owner_label('namespaceObject')}",
              'message': 'provisioning-service writes only in namespaces it created'},
             {'expression': "request.resource.resource != 'namespaces' || request.operation == 'DELETE' || "
                            "(has(object.metadata.labels) && 'pod-security.kubernetes.io/enforce' in object.metadata.labels && "
                            "object.metadata.labels['pod-security.kubernetes.io/enforce'] == 'restricted')",
              'message': 'tenant namespaces enforce the restricted Pod Security Standard'},
             {'expression': "request.resource.resource != 'rolebindings' || request.operation == 'DELETE' || "
                            f"(object.roleRef.kind == 'ClusterRole' && object.roleRef.name in ['{TENANT_WORKLOAD_ROLE}', '{TENANT_PROVISIONER_ROLE}'])",
              'message': f'provisioning-service binds only {TENANT_WORKLOAD_ROLE} and {TENANT_PROVISIONER_ROLE}'},
         ]}},
    {'apiVersion': 'admissionregistration.k8s.io/v1', 'kind': 'ValidatingAdmissionPolicyBinding',
     'metadata': {'name': 'ai-agents-provisioning-scope', 'labels': labels('provisioning-service')},
     'spec': {'policyName': 'ai-agents-provisioning-scope', 'validationActions': ['Deny']}},
]
dump('admission-provisioning.yaml', admission, '# Confines what provisioning-service\'s ServiceAccount writes (RBAC cannot restrict namespaces by name pattern):\n'
     '# only tenant-* namespaces it created, the credentials Secrets of ai-agents-tenants, only objects labelled\n'
     '# app.kubernetes.io/managed-by: ai-agents-platform, tenant namespaces enforcing the restricted Pod Security Standard,\n'
     '# RoleBindings only to the two tenant ClusterRoles. Needs Kubernetes 1.30+ (admissionregistration.k8s.io/v1).\n'
     '# The namespace names are literal here: a deployment to another namespace must change them.')

SERVICE_ROLES = ['tenant-service', 'enhancement-worker', 'gates-runner', 'provisioning-service']
def migration_env():
    """The owner role it migrates as, and the four service roles it creates (if missing) and grants; no other secret."""
    env = [database_url_env(), secret_env('DATABASE_MIGRATION_USER', 'database-migration-user'),
           secret_env('DATABASE_MIGRATION_PASSWORD', 'database-migration-password')]
    for role in SERVICE_ROLES:
        prefix = role.upper().replace('-', '_')
        env += [secret_env(f'{prefix}_DATABASE_USER', f'{role}-database-user'),
                secret_env(f'{prefix}_DATABASE_PASSWORD', f'{role}-database-password')]
    return env
job = {'apiVersion': 'batch/v1', 'kind': 'Job',
       'metadata': {'name': 'schema-migrate', 'labels': labels('schema-migrate'),
                    'annotations': {'argocd.argoproj.io/hook': 'PreSync', 'argocd.argoproj.io/hook-delete-policy': 'BeforeHookCreation'}},
       'spec': {'backoffLimit': 3, 'activeDeadlineSeconds': 900, 'ttlSecondsAfterFinished': 86400,
                'template': {'metadata': {'labels': labels('schema-migrate')},
                             'spec': {'restartPolicy': 'OnFailure', 'serviceAccountName': 'schema-migrate', 'automountServiceAccountToken': False,
                                      'securityContext': {'runAsNonRoot': True, 'runAsUser': 10001, 'runAsGroup': 10001, 'seccompProfile': {'type': 'RuntimeDefault'}},
                                      'containers': [{'name': 'migrate', 'image': 'ai-agents/tenant-service', 'args': ['db', 'migrate', '/app/config/config.yml'],
                                                      'envFrom': [{'configMapRef': {'name': 'ai-agents-config'}}],
                                                      'env': migration_env(),
                                                      'resources': {'requests': {'cpu': '250m', 'memory': '384Mi'}, 'limits': {'cpu': '1', 'memory': '512Mi'}},
                                                      'securityContext': {'allowPrivilegeEscalation': False, 'readOnlyRootFilesystem': True, 'capabilities': {'drop': ['ALL']}},
                                                      'volumeMounts': [{'name': 'tmp', 'mountPath': '/tmp'}]}],
                                      'volumes': [{'name': 'tmp', 'emptyDir': {}}]}}}}
migrate_sa = {'apiVersion': 'v1', 'kind': 'ServiceAccount', 'metadata': {'name': 'schema-migrate', 'labels': labels('schema-migrate')},
              'automountServiceAccountToken': False}
dump('migration-job.yaml', [migrate_sa, job], '# The schema migration (tenant-service db migrate) as a Job, run before the services roll out\n'
     '# (an Argo CD PreSync hook; without Argo CD: kubectl delete job schema-migrate --ignore-not-found, then apply, then\n'
     '# kubectl wait --for=condition=complete job/schema-migrate). It connects as DATABASE_MIGRATION_USER and creates (if missing) and grants the four service roles.')
