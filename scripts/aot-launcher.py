"""Writes quarkus-app/quarkus-aot-run.jar: a manifest-only jar that runs the Quarkus fast-jar's own files
on the JVM's application class loader, the way the image runs the service.

Why: the fast-jar's quarkus-run.jar loads almost every class through Quarkus' RunnerClassLoader, a
custom class loader. A JDK 25 AOT cache (JEP 483/514/515) stores such classes but cannot AOT-link
them, archive their lambdas or keep their training profiles: a one-core start still spun ~1,300 lambda
classes and compiled start-up code with C2. On the application class loader all of it comes from the
cache (bench/vs-node.py, docs/benchmarks.md). This is the flat class path of Quarkus' legacy-jar
(and of the aot-jar packaging later Quarkus versions added for the same reason), built from the
fast-jar's files so that `java -jar quarkus-run.jar` stays exactly as documented.

Class path order is the fast-jar's lookup order: transformed classes first (they replace the
originals), then generated classes, the application, its libraries, and the boot libraries.

Usage: python3 scripts/aot-launcher.py [target/quarkus-app]   (prints the jar's path)
"""
import glob
import io
import os
import sys
import zipfile

NAME = "quarkus-aot-run.jar"
MAIN = "io.quarkus.runner.GeneratedMain"


def class_path(app_dir):
    """The fast-jar's jars, relative to app_dir, in lookup order."""
    jars = []
    for pattern in ("quarkus/transformed-bytecode.jar", "quarkus/generated-bytecode.jar", "app/*.jar",
                    "lib/main/*.jar", "lib/boot/*.jar"):
        jars += sorted(os.path.relpath(path, app_dir) for path in glob.glob(os.path.join(app_dir, pattern)))
    if not any(jar.startswith("app/") for jar in jars) or "quarkus/generated-bytecode.jar" not in jars:
        raise RuntimeError(f"{app_dir} is not a Quarkus fast-jar (run ./mvnw package first)")
    return jars


def manifest(jars):
    """MANIFEST.MF text: lines of at most 72 bytes, continued with a leading space (JAR spec)."""
    lines = []
    for header in ("Manifest-Version: 1.0", f"Main-Class: {MAIN}", "Class-Path: " + " ".join(jars)):
        data = header.encode()
        lines.append(data[:72])
        lines += [b" " + data[i:i + 71] for i in range(72, len(data), 71)]
    return b"\r\n".join(lines) + b"\r\n\r\n"


def write(app_dir):
    """Writes the launcher into app_dir and returns its path. Fixed entry time: a rebuild of the same
    files gives the same bytes."""
    path = os.path.join(app_dir, NAME)
    buffer = io.BytesIO()
    entry = zipfile.ZipInfo("META-INF/MANIFEST.MF", date_time=(1980, 1, 1, 0, 0, 0))
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as jar:
        jar.writestr(entry, manifest(class_path(app_dir)))
    # An unchanged launcher is not rewritten: an AOT cache refuses a class path jar whose time changed.
    if not os.path.exists(path) or open(path, "rb").read() != buffer.getvalue():
        with open(path, "wb") as out:
            out.write(buffer.getvalue())
    return path


if __name__ == "__main__":
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    print(write(sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, "target", "quarkus-app")))
