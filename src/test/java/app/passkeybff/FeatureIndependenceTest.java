package app.passkeybff;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The append endpoint and the action webhooks share the post-append rule, not each other. */
@AnalyzeClasses(packages = "app.passkeybff", importOptions = ImportOption.DoNotIncludeTests.class)
class FeatureIndependenceTest {

    @ArchTest
    static final ArchRule appendDoesNotReachIntoActions = noClasses().that().resideInAPackage("app.passkeybff.append..")
            .should().dependOnClassesThat().resideInAPackage("app.passkeybff.actions..");

    @ArchTest
    static final ArchRule actionsDoNotReachIntoAppend = noClasses().that().resideInAPackage("app.passkeybff.actions..")
            .should().dependOnClassesThat().resideInAPackage("app.passkeybff.append..");
}
