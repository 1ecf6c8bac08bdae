"""The Lambda jar's and the container image's CycloneDX SBOMs, derived from the service's
(target/passkey-bff-sbom.json, written by the cyclonedx-maven-plugin during ./mvnw package).

  python3 scripts/sbom.py lambda SERVICE_SBOM OUT
      The components the shade plugin puts into the Lambda jar: its <artifactSet> includes and
      excludes are read from pom.xml, so the jar and its SBOM cannot name different artifacts.
  python3 scripts/sbom.py image SERVICE_SBOM ROOTFS OUT
      The image: exactly the jars of the fast-jar under ROOTFS/deployments/lib (each found in the
      service's SBOM, or it fails: an SBOM must not miss what ships), the jlinked Java runtime at
      /opt/java (its `release` file) and every Debian package of the base (ROOTFS/var/lib/dpkg/status),
      as purls (pkg:maven, pkg:generic, pkg:deb).
  python3 scripts/sbom.py check ROOTFS SBOM
      The image's SBOM names the Quarkus, AWS SDK and Java versions the image really runs (read from
      the jars' file names in ROOTFS/deployments/lib/main and from /opt/java/release).

Plain Python, no packages: it runs in the build on a fresh machine.
"""
import copy
import fnmatch
import json
import os
import sys
import uuid
import xml.etree.ElementTree as ET

POM_NS = {"m": "http://maven.apache.org/POM/4.0.0"}


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def write(bom, path):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(bom, f, indent=2, sort_keys=False)
        f.write("\n")


def shade_patterns(pom_path):
    """(includes, excludes) of the Lambda shade execution, as group:artifact glob patterns."""
    root = ET.parse(pom_path).getroot()
    for execution in root.iterfind(".//m:plugin/m:executions/m:execution", POM_NS):
        if execution.findtext("m:id", namespaces=POM_NS) == "lambda":
            artifact_set = execution.find("m:configuration/m:artifactSet", POM_NS)
            includes = [e.text.strip() for e in artifact_set.iterfind("m:includes/m:include", POM_NS)]
            excludes = [e.text.strip() for e in artifact_set.iterfind("m:excludes/m:exclude", POM_NS)]
            return includes, excludes
    raise SystemExit("pom.xml has no shade execution with id 'lambda'")


def matches(component, patterns):
    name = f"{component.get('group', '')}:{component.get('name', '')}"
    return any(fnmatch.fnmatchcase(name, pattern) for pattern in patterns)


def with_components(bom, components, main):
    """A copy of bom with these components, its dependency graph cut to them, and a new serial number."""
    out = copy.deepcopy(bom)
    out["serialNumber"] = f"urn:uuid:{uuid.uuid4()}"
    out["metadata"]["component"] = main
    out["components"] = components
    refs = {c["bom-ref"] for c in components} | {main["bom-ref"]}
    out["dependencies"] = [
        {"ref": d["ref"], "dependsOn": [r for r in d.get("dependsOn", []) if r in refs]}
        for d in bom.get("dependencies", []) if d["ref"] in refs]
    return out


def lambda_sbom(service_sbom, out_path):
    if not os.path.exists(service_sbom):
        # The CycloneDX plugin skips offline builds (./mvnw -o): nothing to derive from.
        print(f"Lambda SBOM skipped: {service_sbom} missing (offline build?)")
        return
    bom = load(service_sbom)
    includes, excludes = shade_patterns(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "pom.xml"))
    own = bom["metadata"]["component"]
    main = dict(copy.deepcopy(own), name=own["name"] + "-lambda",
                description="Cognito triggers and Corbado actions as AWS Lambda handlers (shaded jar)")
    main["bom-ref"] = own["bom-ref"].replace("@", "-lambda@", 1) if "@" in own["bom-ref"] else own["bom-ref"] + "-lambda"
    main["purl"] = own.get("purl", "").replace("?type=jar", "?classifier=lambda&type=jar")
    components = [c for c in bom.get("components", []) if matches(c, includes) and not matches(c, excludes)]
    lam = with_components(bom, components, main)
    # The jar's own classes stand for the service's node in the graph.
    for dependency in lam["dependencies"]:
        if dependency["ref"] == own["bom-ref"]:
            dependency["ref"] = main["bom-ref"]
    write(lam, out_path)
    print(f"Lambda SBOM: {len(components)} components -> {out_path}")


def dpkg_packages(rootfs):
    packages, current = [], {}
    with open(os.path.join(rootfs, "var/lib/dpkg/status"), encoding="utf-8") as f:
        for line in list(f) + ["\n"]:
            if line.strip() == "":
                if current.get("Status", "").endswith(" installed"):
                    packages.append(current)
                current = {}
            elif not line.startswith(" ") and ":" in line:
                key, value = line.split(":", 1)
                current[key] = value.strip()
    return packages


def java_version(release):
    return release.get("JAVA_RUNTIME_VERSION", release.get("JAVA_VERSION", ""))


def java_release(rootfs):
    fields = {}
    with open(os.path.join(rootfs, "opt/java/release"), encoding="utf-8") as f:
        for line in f:
            if "=" in line:
                key, value = line.strip().split("=", 1)
                fields[key] = value.strip('"')
    return fields


def jar_name(component):
    """The fast-jar's file name for a Maven component: group.artifact-version[-classifier].jar."""
    classifier = ""
    if "classifier=" in component.get("purl", ""):
        classifier = "-" + component["purl"].split("classifier=", 1)[1].split("&", 1)[0]
    return f"{component.get('group', '')}.{component['name']}-{component['version']}{classifier}.jar"


def shipped_jars(rootfs):
    jars = set()
    for folder in ("deployments/lib/main", "deployments/lib/boot"):
        jars |= set(os.listdir(os.path.join(rootfs, folder)))
    return jars


def image_sbom(service_sbom, rootfs, out_path):
    bom = load(service_sbom)
    shipped = shipped_jars(rootfs)
    by_jar = {jar_name(c): c for c in bom.get("components", [])}
    missing = sorted(shipped - set(by_jar))
    if missing:
        raise SystemExit(f"jars in the image that the service's SBOM does not name: {missing}")
    bom["components"] = [c for jar, c in by_jar.items() if jar in shipped]
    own = bom["metadata"]["component"]
    main = {"type": "container", "bom-ref": "passkey-bff-image", "name": "passkey-bff",
            "version": own.get("version", ""), "description": "passkey-bff container image: Debian minbase, "
            "a jlinked Java runtime, the Quarkus fast-jar under /deployments"}
    java = java_release(rootfs)
    runtime = {"type": "platform", "bom-ref": "java-runtime", "name": java.get("IMPLEMENTOR", "java") + " Java runtime",
               "version": java_version(java), "purl": f"pkg:generic/java-runtime@{java_version(java)}",
               "description": "jlinked modules: " + java.get("MODULES", "")}
    debs = []
    for package in dpkg_packages(rootfs):
        name, version, arch = package["Package"], package.get("Version", ""), package.get("Architecture", "")
        debs.append({"type": "library", "bom-ref": f"pkg:deb/debian/{name}@{version}?arch={arch}",
                     "name": name, "version": version, "purl": f"pkg:deb/debian/{name}@{version}?arch={arch}",
                     "supplier": {"name": package.get("Maintainer", "Debian")}})
    service = copy.deepcopy(own)
    components = [service, runtime] + debs + bom.get("components", [])
    image = with_components(bom, components, main)
    image["dependencies"].append({"ref": main["bom-ref"],
                                  "dependsOn": [service["bom-ref"], runtime["bom-ref"]] + [d["bom-ref"] for d in debs]})
    write(image, out_path)
    print(f"image SBOM: {len(bom.get('components', []))} Maven components, Java {runtime['version']}, "
          f"{len(debs)} Debian packages -> {out_path}")


def check(rootfs, sbom_path):
    """Exit 1 unless the SBOM names the Quarkus, AWS SDK and Java versions that the image runs."""
    bom = load(sbom_path)
    named = {(c.get("group"), c["name"]): c["version"] for c in bom["components"] if "name" in c and "version" in c}
    jars = os.listdir(os.path.join(rootfs, "deployments/lib/main"))
    failures = []
    for group, artifact in (("io.quarkus", "quarkus-core"), ("io.quarkus", "quarkus-vertx-http"),
                            ("software.amazon.awssdk", "sdk-core"), ("software.amazon.awssdk", "cognitoidentityprovider"),
                            ("software.amazon.awssdk", "ssm"), ("io.netty", "netty-codec-http")):
        prefix = f"{group}.{artifact}-"
        running = [j[len(prefix):-len(".jar")] for j in jars if j.startswith(prefix) and j[len(prefix)].isdigit()]
        if len(running) != 1:
            failures.append(f"{group}:{artifact}: {len(running)} jars in the image")
        elif named.get((group, artifact)) != running[0]:
            failures.append(f"{group}:{artifact}: the image runs {running[0]}, the SBOM names {named.get((group, artifact))}")
        else:
            print(f"  {group}:{artifact} {running[0]}")
    java = java_version(java_release(rootfs))
    runtime = next((c for c in bom["components"] if c.get("bom-ref") == "java-runtime"), {})
    if not java or runtime.get("version") != java:
        failures.append(f"Java runtime: the image runs {java}, the SBOM names {runtime.get('version')}")
    else:
        print(f"  Java runtime {java}")
    if failures:
        raise SystemExit("the image's SBOM does not match the image:\n  " + "\n  ".join(failures))


def main(argv):
    if len(argv) == 4 and argv[1] == "lambda":
        lambda_sbom(argv[2], argv[3])
    elif len(argv) == 5 and argv[1] == "image":
        image_sbom(argv[2], argv[3], argv[4])
    elif len(argv) == 4 and argv[1] == "check":
        check(argv[2], argv[3])
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
