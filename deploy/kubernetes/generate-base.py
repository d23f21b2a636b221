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
COMMON_SECRETS = [
    secret_env('DATABASE_PASSWORD', 'database-password'),
    secret_env('TENANT_ENCRYPTION_KEY', 'tenant-encryption-key'),
    secret_env('PLATFORM_ADMIN_TOKEN', 'platform-admin-token'),
    secret_env('PLATFORM_SERVICE_TOKEN', 'platform-service-token'),
]
services = [
 # name, app, admin, replicas, requests, limits, extra env, sa automount
 ('tenant-service', 8081, 9081, 2, ('250m','512Mi'), ('1','768Mi'), [], False),
 ('webhook-gateway', 8080, 9080, 2, ('250m','384Mi'), ('1','640Mi'), [], False),
 ('enhancement-worker', 8082, 9082, 2, ('500m','768Mi'), ('2','1Gi'), [secret_env('LLM_API_KEY', 'llm-api-key', optional=True)], False),
 ('provisioning-service', 8083, 9083, 2, ('250m','512Mi'), ('1','768Mi'), [{'name': 'KUBERNETES_MODE', 'value': 'cluster'}], True),
 ('gates-runner', 8084, 9084, 1, ('250m','512Mi'), ('1','1Gi'), [], False),
]
for name, app, admin, replicas, req, lim, extra, automount in services:
    container = {
        'name': name,
        'image': f'ai-agents/{name}:0.1.0',
        'imagePullPolicy': 'IfNotPresent',
        'ports': [{'name': 'http', 'containerPort': app}, {'name': 'admin', 'containerPort': admin}],
        'envFrom': [{'configMapRef': {'name': 'ai-agents-config'}}],
        'env': COMMON_SECRETS + extra,
        # start-up: a JVM and Dropwizard take a while; nothing else probes until this passes
        'startupProbe': {'httpGet': {'path': '/ping', 'port': 'admin'}, 'periodSeconds': 5, 'failureThreshold': 36},
        # ready = every dependency check passes (PostgreSQL, Redis, peers, Kubernetes)
        'readinessProbe': {'httpGet': {'path': '/healthcheck', 'port': 'admin'}, 'periodSeconds': 10,
                           'timeoutSeconds': 5, 'failureThreshold': 3},
        # alive = the JVM answers; a database outage must not restart every pod, so not /healthcheck
        'livenessProbe': {'httpGet': {'path': '/ping', 'port': 'admin'}, 'periodSeconds': 20,
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
                },
            },
        },
    }
    service = {'apiVersion': 'v1', 'kind': 'Service', 'metadata': {'name': name, 'labels': labels(name)},
               'spec': {'selector': {'app.kubernetes.io/name': name},
                        'ports': [{'name': 'http', 'port': app, 'targetPort': 'http'},
                                  {'name': 'admin', 'port': admin, 'targetPort': 'admin'}]}}
    metrics = {'apiVersion': 'v1', 'kind': 'Service', 'metadata': {'name': f'{name}-metrics', 'labels': labels(name)},
               'spec': {'clusterIP': 'None', 'selector': {'app.kubernetes.io/name': name},
                        'ports': [{'name': 'admin', 'port': admin, 'targetPort': 'admin'}]}}
    pdb = {'apiVersion': 'policy/v1', 'kind': 'PodDisruptionBudget', 'metadata': {'name': name, 'labels': labels(name)},
           'spec': {'maxUnavailable': 1, 'selector': {'matchLabels': {'app.kubernetes.io/name': name}}}}
    sa = {'apiVersion': 'v1', 'kind': 'ServiceAccount', 'metadata': {'name': name, 'labels': labels(name)},
          'automountServiceAccountToken': automount}
    docs = [sa, deployment, service, metrics, pdb]
    dump(f'{name}.yaml', docs, f'# {name}: ServiceAccount, Deployment, Service (app {app}, admin {admin}), headless metrics Service, PodDisruptionBudget.\n'
         '# Secrets come from the Secret ai-agents-secrets (secretKeyRef), which is created outside this repository (see docs/runbooks/handoff.md).')

hpas = []
for name, lo, hi, cpu in [('webhook-gateway', 2, 10, 70), ('enhancement-worker', 2, 20, 70)]:
    hpas.append({'apiVersion': 'autoscaling/v2', 'kind': 'HorizontalPodAutoscaler',
                 'metadata': {'name': name, 'labels': labels(name)},
                 'spec': {'scaleTargetRef': {'apiVersion': 'apps/v1', 'kind': 'Deployment', 'name': name},
                          'minReplicas': lo, 'maxReplicas': hi,
                          'metrics': [{'type': 'Resource', 'resource': {'name': 'cpu', 'target': {'type': 'Utilization', 'averageUtilization': cpu}}}],
                          'behavior': {'scaleDown': {'stabilizationWindowSeconds': 300,
                                                     'policies': [{'type': 'Pods', 'value': 1, 'periodSeconds': 60}]}}}})
dump('hpa.yaml', hpas, '# Autoscaling for the two services whose load follows ticket traffic. CPU is what a busy gateway or worker uses;\n# scale-down is slow so a burst of webhooks does not flap the worker pool.')

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
admin_ports = [port(p) for p in (9080, 9081, 9082, 9083, 9084)]
nps = [
    np('default-deny', {}, [], policy_types=('Ingress', 'Egress'), egress=[]),
    np('allow-egress-dependencies', {}, [], policy_types=('Egress',), egress=[
        {'to': [{'namespaceSelector': {'matchLabels': {'kubernetes.io/metadata.name': 'kube-system'}}, 'podSelector': {'matchLabels': {'k8s-app': 'kube-dns'}}}],
         'ports': [{'protocol': 'UDP', 'port': 53}, {'protocol': 'TCP', 'port': 53}]},
        {'to': [{'podSelector': {}}]},
        {'ports': [port(5432), port(6379), port(443), port(6443), port(4318)]},
    ]),
    np('allow-metrics-scrape', {'matchLabels': {'app.kubernetes.io/part-of': PART}}, [{'from': [monitoring_ns], 'ports': admin_ports}]),
    # second rule of each: the peers whose health checks poll this service's /healthcheck (*_HEALTH_URL in configmap.yaml)
    np('webhook-gateway-ingress', sel('webhook-gateway'), [{'from': [ingress_ns], 'ports': [port(8080)]},
                                                           {'from': [pl('provisioning-service')], 'ports': [port(9080)]}]),
    np('tenant-service-ingress', sel('tenant-service'), [{'from': [pl('webhook-gateway'), pl('enhancement-worker'), pl('provisioning-service'), pl('gates-runner'), ingress_ns], 'ports': [port(8081)]},
                                                         {'from': [pl('webhook-gateway'), pl('enhancement-worker'), pl('provisioning-service')], 'ports': [port(9081)]}]),
    np('provisioning-service-ingress', sel('provisioning-service'), [{'from': [ingress_ns, pl('gates-runner')], 'ports': [port(8083)]}]),
    np('gates-runner-ingress', sel('gates-runner'), [{'from': [pl('provisioning-service'), ingress_ns], 'ports': [port(8084)]},
                                                     {'from': [pl('provisioning-service')], 'ports': [port(9084)]}]),
    np('enhancement-worker-ingress', sel('enhancement-worker'), [{'from': [pl('gates-runner'), pl('provisioning-service')], 'ports': [port(8082)]},
                                                                 {'from': [pl('provisioning-service')], 'ports': [port(9082)]}]),
]
dump('network-policies.yaml', nps, '# Deny by default; then: webhooks and operator APIs only through the ingress controller, service-to-service\n'
     '# calls only between the services that make them, admin ports (/metrics) from the monitoring namespace and\n'
     '# (/healthcheck) from the peers whose health checks poll them.\n'
     '# Egress: DNS, pods of this namespace, PostgreSQL 5432, Redis 6379, HTTPS 443 (SDP, LLM), the API server (6443)\n'
     '# and OTLP/HTTP 4318 (traces, docs/tracing.md).\n'
     '# Enforced only by a CNI that supports NetworkPolicy (Calico, Cilium, ...): see docs/kubernetes.md.')

verbs = ['get', 'create', 'update', 'delete']
rules = [
    {'apiGroups': [''], 'resources': ['namespaces'], 'verbs': verbs},
    {'apiGroups': [''], 'resources': ['secrets'], 'verbs': verbs},
    {'apiGroups': [''], 'resources': ['serviceaccounts', 'resourcequotas', 'limitranges'], 'verbs': verbs},
    {'apiGroups': ['rbac.authorization.k8s.io'], 'resources': ['roles', 'rolebindings'], 'verbs': verbs},
    {'apiGroups': ['networking.k8s.io'], 'resources': ['networkpolicies'], 'verbs': verbs},
    {'apiGroups': [''], 'resources': ['pods', 'services', 'configmaps', 'secrets'], 'verbs': ['get', 'list', 'watch']},
]
rbac = [
    {'apiVersion': 'rbac.authorization.k8s.io/v1', 'kind': 'ClusterRole', 'metadata': {'name': 'ai-agents-provisioning', 'labels': labels('provisioning-service')}, 'rules': rules},
    {'apiVersion': 'rbac.authorization.k8s.io/v1', 'kind': 'ClusterRoleBinding', 'metadata': {'name': 'ai-agents-provisioning', 'labels': labels('provisioning-service')},
     'roleRef': {'apiGroup': 'rbac.authorization.k8s.io', 'kind': 'ClusterRole', 'name': 'ai-agents-provisioning'},
     'subjects': [{'kind': 'ServiceAccount', 'name': 'provisioning-service', 'namespace': 'ai-agents'}]},
]
dump('rbac-provisioning.yaml', rbac, '# What provisioning-service may do in cluster mode: exactly the table in docs/kubernetes.md ("RBAC that\n'
     '# provisioning-service needs"). No patch, no list/watch on what it manages; the read-only row exists because\n'
     '# Kubernetes only lets it create Roles that grant what it holds itself.')

job = {'apiVersion': 'batch/v1', 'kind': 'Job',
       'metadata': {'name': 'schema-migrate', 'labels': labels('schema-migrate'),
                    'annotations': {'argocd.argoproj.io/hook': 'PreSync', 'argocd.argoproj.io/hook-delete-policy': 'BeforeHookCreation'}},
       'spec': {'backoffLimit': 3, 'activeDeadlineSeconds': 900, 'ttlSecondsAfterFinished': 86400,
                'template': {'metadata': {'labels': labels('schema-migrate')},
                             'spec': {'restartPolicy': 'OnFailure', 'serviceAccountName': 'tenant-service', 'automountServiceAccountToken': False,
                                      'securityContext': {'runAsNonRoot': True, 'runAsUser': 10001, 'runAsGroup': 10001, 'seccompProfile': {'type': 'RuntimeDefault'}},
                                      'containers': [{'name': 'migrate', 'image': 'ai-agents/tenant-service:0.1.0', 'args': ['db', 'migrate', '/app/config.yml'],
                                                      'envFrom': [{'configMapRef': {'name': 'ai-agents-config'}}],
                                                      'env': [secret_env('DATABASE_PASSWORD', 'database-password'),
                                                              secret_env('DATABASE_MIGRATION_PASSWORD', 'database-migration-password'),
                                                              secret_env('TENANT_ENCRYPTION_KEY', 'tenant-encryption-key')],
                                                      'resources': {'requests': {'cpu': '250m', 'memory': '384Mi'}, 'limits': {'cpu': '1', 'memory': '512Mi'}},
                                                      'securityContext': {'allowPrivilegeEscalation': False, 'readOnlyRootFilesystem': True, 'capabilities': {'drop': ['ALL']}},
                                                      'volumeMounts': [{'name': 'tmp', 'mountPath': '/tmp'}]}],
                                      'volumes': [{'name': 'tmp', 'emptyDir': {}}]}}}}
dump('migration-job.yaml', [job], '# The schema migration (tenant-service db migrate) as a Job, run before the services roll out\n'
     '# (an Argo CD PreSync hook; without Argo CD: kubectl delete job schema-migrate --ignore-not-found, then apply, then\n'
     '# kubectl wait --for=condition=complete job/schema-migrate). It connects as DATABASE_MIGRATION_USER and grants DATABASE_USER.')
