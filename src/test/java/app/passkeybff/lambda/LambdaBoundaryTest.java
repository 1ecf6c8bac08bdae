package app.passkeybff.lambda;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The Lambda jar is cut out of the service by package ({@code app/passkeybff/lambda/**} in the shade
 * filter), so what those packages may use is checked here rather than remembered: a {@code Uni}, a
 * {@code ProblemException} or a CDI annotation in a rule fails the build instead of failing in Lambda
 * with a missing class.
 */
@AnalyzeClasses(packages = "app.passkeybff", importOptions = ImportOption.DoNotIncludeTests.class)
class LambdaBoundaryTest {

    static final String LAMBDA = "app.passkeybff.lambda..";

    // By name: ArchUnit's implement(…) does not match an interface outside the imported packages here.
    static final DescribedPredicate<JavaClass> IMPLEMENT_REQUEST_HANDLER = DescribedPredicate.describe(
            "implement RequestHandler", type -> type.getAllRawInterfaces().stream()
                    .anyMatch(api -> api.getName().equals(RequestHandler.class.getName())));

    @ArchTest
    static final ArchRule lambdaCodeUsesNoQuarkusStack = noClasses().that().resideInAPackage(LAMBDA)
            .should().dependOnClassesThat().resideInAnyPackage(
                    "io.quarkus..", "io.smallrye..", "io.vertx..", "org.jboss..",
                    "jakarta.ws.rs..", "jakarta.enterprise..", "jakarta.inject..", "jakarta.annotation..",
                    "jakarta.validation..", "org.eclipse.microprofile.config..", "org.eclipse.microprofile.jwt..",
                    "org.eclipse.microprofile.faulttolerance..", "org.eclipse.microprofile.health..")
            .because("the Lambda jar has no Quarkus, SmallRye, Mutiny, Vert.x, Jakarta REST/CDI/inject");

    @ArchTest
    static final ArchRule lambdaCodeUsesNoServiceClasses = noClasses().that().resideInAPackage(LAMBDA)
            .should().dependOnClassesThat().resideOutsideOfPackages(LAMBDA, "java..", "javax..", "jdk..",
                    "software.amazon..", "com.amazonaws..", "com.fasterxml.jackson..", "io.netty..",
                    "org.reactivestreams..", "org.slf4j..", "com.auth0.jwt..",
                    // Documentation annotations of the webhook DTOs: not in the jar, and the JVM
                    // ignores annotations whose class is absent (LambdaArtifactIT runs the handlers).
                    "org.eclipse.microprofile.openapi.annotations..")
            .because("the Lambda jar holds only app.passkeybff.lambda and the libraries of the shade artifactSet");

    @ArchTest
    static final ArchRule handlersLiveInTheLambdaPackages = classes()
            .that(IMPLEMENT_REQUEST_HANDLER)
            .should().resideInAPackage(LAMBDA)
            .because("only app.passkeybff.lambda is shaded into the Lambda jar");
}
