package io.agentmesh.node;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Verticle modules talk only over the bus. The Maven enforcer rule in verticles/pom.xml stops a verticle module
 * from depending on another; this test checks the same at class level over everything the node assembles.
 */
@DisplayName("Module boundaries")
class ModuleBoundaryTest {

  static ArchRule verticlesAreIndependent(String verticlesPackage) {
    return slices().matching(verticlesPackage + ".(*)..").should().notDependOnEachOther()
      .because("a verticle module reaches another domain only over the event bus, through eventbus-codecs");
  }

  @Test
  @DisplayName("no verticle module uses a class of another verticle module")
  void verticlesDoNotImportEachOther() {
    JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("io.agentmesh");
    verticlesAreIndependent("io.agentmesh.verticles").allowEmptyShould(false).check(classes);
  }

  @Test
  @DisplayName("the contract depends on no verticle, and no verticle on the launcher")
  void contractStaysBelowDomains() {
    JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("io.agentmesh");
    noClasses().that().resideInAPackage("io.agentmesh.contract..")
      .should().dependOnClassesThat().resideInAnyPackage("io.agentmesh.verticles..", "io.agentmesh.node..")
      .check(classes);
    noClasses().that().resideInAPackage("io.agentmesh.verticles..")
      .should().dependOnClassesThat().resideInAPackage("io.agentmesh.node..")
      .check(classes);
  }

  @Test
  @DisplayName("the rule catches one verticle importing another")
  void ruleDetectsAViolation() {
    JavaClasses fixture = new ClassFileImporter().importPackages("io.agentmesh.node.boundaryfixture");
    EvaluationResult result = verticlesAreIndependent("io.agentmesh.node.boundaryfixture").evaluate(fixture);
    assertThat(result.hasViolation()).isTrue();
    assertThat(result.getFailureReport().toString()).contains("alpha", "beta");
  }
}
