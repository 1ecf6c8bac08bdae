// Validates rendered Kubernetes manifests offline: every object against its Kubernetes schema
// (kubernetes-models), then the rules this service depends on in production.
// Usage: kubectl kustomize k8s/overlays/example | node k8s/validate/validate.mjs
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { parseAllDocuments } from "yaml";

const require = createRequire(import.meta.url);
const input = readFileSync(process.argv[2] ?? 0, "utf8");
const objects = parseAllDocuments(input).map((doc) => doc.toJS()).filter(Boolean);
const errors = [];
const fail = (object, message) => errors.push(`${object.kind}/${object.metadata?.name}: ${message}`);

function modelFor(apiVersion, kind) {
  const [group, version] = apiVersion.includes("/") ? apiVersion.split("/") : [null, apiVersion];
  // The Prometheus Operator's custom resources (PodMonitor, PrometheusRule) have their own models.
  const models = group === "monitoring.coreos.com" ? "@kubernetes-models/prometheus-operator/monitoring.coreos.com" : "kubernetes-models";
  const path = group && group !== "monitoring.coreos.com" ? `${models}/${group}/${version}/${kind}` : `${models}/${version}/${kind}`;
  return require(path)[kind];
}


for (const object of objects) {
  try {
    const Model = modelFor(object.apiVersion, object.kind);
    new Model(object).validate();
  } catch (e) {
    fail(object, `schema: ${e.message}`);
  }
}

const byKind = (kind) => objects.filter((o) => o.kind === kind);
const one = (kind) => {
  const found = byKind(kind);
  if (found.length !== 1) errors.push(`expected exactly one ${kind}, found ${found.length}`);
  return found[0] ?? {};
};

const deployment = one("Deployment");
const appLabels = deployment.spec?.selector?.matchLabels ?? {};
const podSpec = deployment.spec?.template?.spec ?? {};
const container = podSpec.containers?.[0] ?? {};
const matches = (selector, labels) => Object.entries(selector ?? {}).every(([k, v]) => labels?.[k] === v);
const podLabels = deployment.spec?.template?.metadata?.labels;

if (!(deployment.spec?.replicas >= 2)) fail(deployment, "needs 2+ replicas");
if (!matches(appLabels, podLabels)) fail(deployment, "selector does not match the pod template");
// Health and metrics are served on the management interface (9000) only, never on the API port.
const portOf = (name) => (container.ports ?? []).find((p) => p.name === name || p.containerPort === name)?.containerPort;
const managementPort = portOf("management");
const apiPort = portOf("http");
if (managementPort !== 9000) fail(deployment, "needs the management containerPort 9000 named 'management'");
if (apiPort !== 8080) fail(deployment, "needs the API containerPort 8080 named 'http'");
for (const probe of ["startupProbe", "livenessProbe", "readinessProbe"]) {
  if (!container[probe]?.httpGet?.path?.startsWith("/q/health/")) fail(deployment, `${probe} must use /q/health/*`);
  if (portOf(container[probe]?.httpGet?.port) !== managementPort) fail(deployment, `${probe} must target the management port`);
}
const scrape = deployment.spec?.template?.metadata?.annotations ?? {};
if (scrape["prometheus.io/scrape"] === "true" && Number(scrape["prometheus.io/port"]) !== managementPort) {
  fail(deployment, "Prometheus must scrape the management port");
}
for (const kind of ["requests", "limits"]) {
  if (!container.resources?.[kind]?.cpu || !container.resources?.[kind]?.memory) fail(deployment, `resources.${kind} cpu and memory required`);
}
const sc = container.securityContext ?? {};
if (sc.readOnlyRootFilesystem !== true) fail(deployment, "readOnlyRootFilesystem must be true");
if (sc.allowPrivilegeEscalation !== false) fail(deployment, "allowPrivilegeEscalation must be false");
if (!(sc.capabilities?.drop ?? []).includes("ALL")) fail(deployment, "capabilities must drop ALL");
if (podSpec.securityContext?.runAsNonRoot !== true && sc.runAsNonRoot !== true) fail(deployment, "runAsNonRoot required");
if (!(podSpec.terminationGracePeriodSeconds > 25)) fail(deployment, "grace period must exceed the 20 s Quarkus shutdown timeout plus preStop");
if (!podSpec.serviceAccountName) fail(deployment, "needs its IRSA service account");
for (const env of container.env ?? []) {
  if (/SECRET|PASSWORD|KEY/i.test(env.name) && env.value) fail(deployment, `secret-looking literal env ${env.name}`);
}

const sa = one("ServiceAccount");
if (sa.metadata?.name !== podSpec.serviceAccountName) fail(sa, "is not the one the Deployment uses");
if (!sa.metadata?.annotations?.["eks.amazonaws.com/role-arn"]?.startsWith("arn:aws:iam::")) fail(sa, "needs the IRSA role annotation");

const service = one("Service");
if (!matches(service.spec?.selector, podLabels) || !Object.keys(service.spec?.selector ?? {}).length) fail(service, "selects no pods");

const pdb = one("PodDisruptionBudget");
if (!matches(pdb.spec?.selector?.matchLabels, podLabels) || !Object.keys(pdb.spec?.selector?.matchLabels ?? {}).length) fail(pdb, "selects no pods");

const hpa = one("HorizontalPodAutoscaler");
if (hpa.spec?.scaleTargetRef?.name !== deployment.metadata?.name) fail(hpa, "targets another Deployment");
if (!(hpa.spec?.minReplicas >= 2)) fail(hpa, "minReplicas must keep 2+ pods");

const policy = one("NetworkPolicy");
if (!matches(policy.spec?.podSelector?.matchLabels, podLabels) || !Object.keys(policy.spec?.podSelector?.matchLabels ?? {}).length) fail(policy, "does not select the pods");
for (const rule of policy.spec?.ingress ?? []) {
  for (const peer of rule.from ?? []) {
    if (!peer.namespaceSelector) fail(policy, "ingress peer without namespaceSelector");
    if (matches(peer.podSelector?.matchLabels, podLabels) && Object.keys(peer.podSelector?.matchLabels ?? {}).length) fail(policy, "ingress peer selects our own pods, not the ingress controller");
  }
}
const ingressRules = policy.spec?.ingress ?? [];
const rulesFor = (port) => ingressRules.filter((rule) => (rule.ports ?? []).some((p) => p.port === port || p.port === (port === 9000 ? "management" : "http")));
if (ingressRules.some((rule) => !(rule.ports ?? []).length)) fail(policy, "an ingress rule without ports opens every port");
for (const rule of rulesFor(9000)) {
  for (const peer of rule.from ?? []) {
    if (peer.namespaceSelector?.matchLabels?.["kubernetes.io/metadata.name"] !== "monitoring") fail(policy, "the management port is open to more than the monitoring namespace");
  }
  if ((rule.ports ?? []).some((p) => p.port !== 9000 && p.port !== "management")) fail(policy, "the monitoring rule opens more than the management port");
}
if (!rulesFor(9000).length) fail(policy, "the monitoring namespace cannot scrape the management port");
for (const rule of rulesFor(8080)) {
  for (const peer of rule.from ?? []) {
    if (peer.namespaceSelector?.matchLabels?.["kubernetes.io/metadata.name"] === "monitoring") fail(policy, "monitoring needs no access to the API port");
  }
}
const egressPorts = (policy.spec?.egress ?? []).flatMap((rule) => (rule.ports ?? []).map((p) => p.port)).sort();
if (JSON.stringify([...new Set(egressPorts)]) !== JSON.stringify([443, 53])) fail(policy, `egress ports must be DNS and 443, got ${egressPorts}`);
for (const rule of policy.spec?.egress ?? []) {
  for (const peer of rule.to ?? []) {
    if (peer.podSelector && peer.podSelector.matchLabels?.["k8s-app"] === "kube-dns" && Object.keys(peer.podSelector.matchLabels).length !== 1) {
      fail(policy, "DNS peer selector carries extra labels");
    }
  }
}

const config = one("ConfigMap");

// Ingresses (overlays): ingress-nginx with TLS, per-address limits, routed to our Service's API port,
// and the controller trusted for X-Forwarded-For (else every client shares the controller's bucket).
const ingresses = byKind("Ingress");
const servicePorts = (service.spec?.ports ?? []).flatMap((p) => [p.name, p.port]);
for (const ingress of ingresses) {
  const annotations = ingress.metadata?.annotations ?? {};
  if (ingress.spec?.ingressClassName !== "nginx") fail(ingress, "must use ingressClassName nginx (the limit annotations are ingress-nginx's)");
  const limits = ["limit-rps", "limit-rpm"].map((k) => Number(annotations[`nginx.ingress.kubernetes.io/${k}`])).filter((n) => n > 0);
  if (!limits.length) fail(ingress, "needs a per-address limit (nginx.ingress.kubernetes.io/limit-rps or limit-rpm)");
  if (!(Number(annotations["nginx.ingress.kubernetes.io/limit-connections"]) > 0)) fail(ingress, "needs nginx.ingress.kubernetes.io/limit-connections");
  if (annotations["nginx.ingress.kubernetes.io/force-ssl-redirect"] !== "true") fail(ingress, "must force HTTPS");
  const tlsHosts = (ingress.spec?.tls ?? []).flatMap((t) => (t.secretName ? t.hosts ?? [] : []));
  if (!tlsHosts.length) fail(ingress, "needs TLS with a secretName");
  for (const rule of ingress.spec?.rules ?? []) {
    if (!rule.host || !tlsHosts.includes(rule.host)) fail(ingress, `host ${rule.host ?? "(any)"} is not covered by TLS`);
    for (const path of rule.http?.paths ?? []) {
      const backend = path.backend?.service;
      if (backend?.name !== service.metadata?.name) fail(ingress, `path ${path.path} routes to ${backend?.name}, not our Service`);
      const port = backend?.port?.name ?? backend?.port?.number;
      if (!servicePorts.includes(port)) fail(ingress, `path ${path.path} routes to port ${port}, which the Service does not have`);
    }
  }
}
if (ingresses.length && !String(config.data?.TRUSTED_PROXIES ?? "").trim()) {
  errors.push("ConfigMap: an Ingress fronts the service but TRUSTED_PROXIES is empty: every client would share the controller's bucket");
}
for (const [key, value] of Object.entries(config.data ?? {})) {
  if (/SECRET|PASSWORD/i.test(key) && !key.endsWith("_PARAM")) fail(config, `${key} looks like a secret value`);
  if (/^corbado1_|^eyJ/.test(String(value))) fail(config, `${key} holds a secret-looking value`);
}

// Prometheus Operator objects (overlays): the PodMonitor scrapes our pods' management port as job
// "passkey-bff", which is what the rules select; the PrometheusRule holds monitoring/alerts.yaml verbatim.
for (const monitor of byKind("PodMonitor")) {
  if (!matches(monitor.spec?.selector?.matchLabels, podLabels) || !Object.keys(monitor.spec?.selector?.matchLabels ?? {}).length) fail(monitor, "selects no pods");
  for (const endpoint of monitor.spec?.podMetricsEndpoints ?? []) {
    if (portOf(endpoint.port) !== managementPort || endpoint.path !== "/q/metrics") fail(monitor, "must scrape /q/metrics on the management port");
  }
  if (podLabels?.[monitor.spec?.jobLabel] !== "passkey-bff") fail(monitor, "jobLabel must name a pod label whose value is passkey-bff (the rules select job=\"passkey-bff\")");
}
const rulesFile = new URL("../../monitoring/alerts.yaml", import.meta.url);
// kustomize sorts keys: compare with keys in one order.
const canonical = (value) => JSON.stringify(value, (key, v) =>
  v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v);
for (const rule of byKind("PrometheusRule")) {
  const plain = parseAllDocuments(readFileSync(rulesFile, "utf8"))[0].toJS();
  if (canonical(rule.spec?.groups) !== canonical(plain.groups)) {
    fail(rule, "spec.groups differ from monitoring/alerts.yaml: run scripts/render-prometheusrule.sh");
  }
}

if (errors.length) {
  console.error(errors.map((e) => `FAIL ${e}`).join("\n"));
  console.error(`${objects.length} objects, ${errors.length} problems`);
  process.exit(1);
}
console.log(`${objects.length} objects valid: ${objects.map((o) => o.kind).join(", ")}`);
