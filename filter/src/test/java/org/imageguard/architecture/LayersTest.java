package org.imageguard.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The layers of the filter module, enforced rather than promised: one pure engine (bytes and a policy in, bytes and
 * a report out), an HTTP pipeline that knows no server API, request policies on top of it, and the servlet filter as
 * the only adapter. A servlet or Jetty type leaking into an inner layer would tie the proxy and the CLI to it.
 */
@AnalyzeClasses(packages = "org.imageguard", importOptions = ImportOption.DoNotIncludeTests.class)
class LayersTest {

    private static final String[] SERVER_APIS = {"jakarta..", "javax.servlet..", "org.eclipse.jetty..",
            "org.apache.catalina..", "org.apache.tomcat.."};

    @ArchTest
    static final ArchRule engineIsPure = noClasses().that().resideInAPackage("org.imageguard.engine..")
            .should().dependOnClassesThat().resideInAnyPackage(SERVER_APIS)
            .orShould().dependOnClassesThat().resideInAnyPackage("org.imageguard.http..", "org.imageguard.policy..",
                    "org.imageguard.filter..", "org.imageguard.metrics..", "io.micrometer..")
            .because("the engine is shared by the filter, the proxy and the CLI, and knows none of them");

    @ArchTest
    static final ArchRule httpPipelineKnowsNoServer = noClasses().that().resideInAPackage("org.imageguard.http..")
            .should().dependOnClassesThat().resideInAnyPackage(SERVER_APIS)
            .orShould().dependOnClassesThat().resideInAnyPackage("org.imageguard.filter..", "org.imageguard.metrics..")
            .because("the filter and the proxy are thin adapters over one pipeline");

    @ArchTest
    static final ArchRule policiesKnowNoServer = noClasses().that().resideInAPackage("org.imageguard.policy..")
            .should().dependOnClassesThat().resideInAnyPackage(SERVER_APIS)
            .orShould().dependOnClassesThat().resideInAnyPackage("org.imageguard.filter..", "org.imageguard.metrics..")
            .because("hotlink and crawler decisions are made from request facts, the same in every server");

    @ArchTest
    static final ArchRule metricsKnowNoServer = noClasses().that().resideInAPackage("org.imageguard.metrics..")
            .should().dependOnClassesThat().resideInAnyPackage(SERVER_APIS)
            .orShould().dependOnClassesThat().resideInAnyPackage("org.imageguard.filter..")
            .because("the proxy publishes the same meters as the filter, and the filter module's thin jar must not"
                    + " need Jetty for them");
}
