package org.imageguard.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The proxy module's layers: the batch rewriter and the inspector work on files and plain HTTP without a server, and
 * only the command line knows both them and the proxy. Keeps {@code rewrite} and {@code inspect} usable without
 * Jetty on the class path.
 */
@AnalyzeClasses(packages = "org.imageguard", importOptions = ImportOption.DoNotIncludeTests.class)
class CommandLayersTest {

    @ArchTest
    static final ArchRule batchAndAuditNeedNoServer = noClasses()
            .that().resideInAnyPackage("org.imageguard.batch..", "org.imageguard.audit..")
            .should().dependOnClassesThat().resideInAnyPackage("org.eclipse.jetty..", "jakarta..",
                    "org.imageguard.proxy..", "org.imageguard.cli..", "picocli..")
            .because("rewrite and inspect are libraries the command line drives, not parts of the server");

    @ArchTest
    static final ArchRule proxyDoesNotReachIntoTheCommandLine = noClasses()
            .that().resideInAPackage("org.imageguard.proxy..")
            .should().dependOnClassesThat().resideInAnyPackage("org.imageguard.cli..", "picocli..")
            .because("the server is built and started by main, not the other way round");
}
