// What ingress-nginx makes of the rendered Ingresses, as far as the rate limits depend on it: the
// location blocks of each host (ingress-nginx's updateServerLocations, its sort and buildLocation) and
// which of them nginx picks for a request path (nginx's normalisation of the URI, then its location
// selection). validate.mjs checks the spellings with this model; nginx-edge.mjs runs the same locations
// in a real nginx and checks the model agrees with it.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const ANNOTATION = "nginx.ingress.kubernetes.io/";

/** Spellings of the service's routes (login-spellings.txt): the login route's, and other routes'. */
export function spellings() {
  const file = fileURLToPath(new URL("./login-spellings.txt", import.meta.url));
  const lines = readFileSync(file, "utf8").split("\n").map((l) => l.trim()).filter((l) => l && !l.startsWith("#"));
  const pick = (kind) => lines.filter((l) => l.startsWith(`${kind} `)).map((l) => l.slice(kind.length + 1).trim());
  return { login: pick("login"), other: pick("other") };
}

/** Location blocks per host, in the order ingress-nginx writes them. */
export function locationsByHost(ingresses) {
  const hosts = new Map();
  for (const ingress of ingresses) {
    const annotations = ingress.metadata?.annotations ?? {};
    const useRegex = annotations[`${ANNOTATION}use-regex`] === "true";
    const rewrite = Boolean(annotations[`${ANNOTATION}rewrite-target`]);
    for (const rule of ingress.spec?.rules ?? []) {
      const list = hosts.get(rule.host) ?? [];
      for (const path of rule.http?.paths ?? []) {
        list.push({ ingress: ingress.metadata?.name, path: path.path, pathType: path.pathType ?? "ImplementationSpecific", useRegex, rewrite });
      }
      hosts.set(rule.host, list);
    }
  }
  const result = new Map();
  for (const [host, raw] of hosts) {
    // use-regex or rewrite-target on any Ingress of a host turns every path of that host into a
    // case-insensitive regular expression (ingress-nginx: enforceRegexModifier).
    const enforceRegex = raw.some((l) => l.useRegex || l.rewrite);
    const locations = [];
    for (const l of raw) {
      // A Prefix path without regex gets "<path>/" plus an exact "<path>" (updateServerLocations).
      if (l.pathType === "Prefix" && l.path !== "/" && !l.useRegex && !l.rewrite) {
        locations.push({ ...l, path: l.path.endsWith("/") ? l.path : `${l.path}/` });
        if (!l.path.endsWith("/")) locations.push({ ...l, pathType: "Exact" });
      } else {
        locations.push(l);
      }
    }
    // Stable sorts: by path descending, then by length descending (controller.go).
    locations.sort((a, b) => (a.path > b.path ? -1 : a.path < b.path ? 1 : 0));
    locations.sort((a, b) => b.path.length - a.path.length);
    result.set(host, locations.map((l) => ({ ...l, modifier: enforceRegex ? "~*" : l.pathType === "Exact" ? "=" : "" })));
  }
  return result;
}

/** The location line ingress-nginx writes (buildLocation). */
export function locationDirective(location) {
  if (location.modifier === "~*") return `location ~* "^${location.path}"`;
  if (location.modifier === "=") return `location = ${location.path}`;
  return `location ${location.path}`;
}

/**
 * nginx's $uri for a request target: no query, percent-decoding (any %XX, %2F and %2E included), merged
 * slashes (merge_slashes on), "." and ".." resolved. null where nginx answers 400.
 */
export function nginxUri(target) {
  let path = target.split("?")[0];
  try {
    path = decodeURIComponent(path.replace(/%(?![0-9A-Fa-f]{2})/g, "%25"));
  } catch {
    return null;
  }
  if (path.includes("\0")) return null;
  path = path.replace(/\/{2,}/g, "/");
  const out = [];
  const segments = path.split("/");
  for (let i = 1; i < segments.length; i++) {
    const segment = segments[i];
    const last = i === segments.length - 1;
    if (segment === ".") {
      if (last) out.push("");
    } else if (segment === "..") {
      if (!out.length) return null;
      out.pop();
      if (last) out.push("");
    } else {
      out.push(segment);
    }
  }
  return `/${out.join("/")}`;
}

/** The location nginx picks for a request target among a host's locations, or null. */
export function pick(locations, target) {
  const uri = nginxUri(target);
  if (uri === null) return null;
  const exact = locations.find((l) => l.modifier === "=" && l.path === uri);
  if (exact) return exact;
  const regex = locations.filter((l) => l.modifier === "~*");
  const prefix = locations.filter((l) => l.modifier === "" && uri.startsWith(l.path)).sort((a, b) => b.path.length - a.path.length)[0];
  // A regex location wins over a prefix one unless the prefix one is "^~" (never written here).
  return regex.find((l) => new RegExp(`^${l.path}`, "i").test(uri)) ?? prefix ?? null;
}
