package cn.gov12345.intake.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.freeze.FreezingArchRule;
import org.junit.jupiter.api.Test;

/**
 * The floor plan, enforced: channels are pure and never reach another channel, the I/O halves do
 * not import each other, the door knows no channel's I/O, nothing below the wiring imports it, and
 * packages form no cycle. The last three are frozen: the debt recorded in {@code
 * src/test/resources/archunit-violations} may only shrink.
 */
class ArchitectureTest {

  private static final String ROOT = "cn.gov12345.intake";
  private static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages(ROOT);

  @Test
  void pureChannelsUseNoServerRedisOrSharedIo() {
    noClasses()
        .that()
        .resideInAPackage(ROOT + ".channel..")
        .and()
        .resideOutsideOfPackage("..io..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.vertx..",
            "io.netty..",
            ROOT + ".redis..",
            ROOT + ".stream..",
            ROOT + ".http..",
            ROOT + ".pipeline..",
            ROOT + ".delivery..",
            ROOT + ".media..",
            ROOT + ".upload..")
        .check(MAIN);
  }

  @Test
  void noChannelReachesAnotherChannel() {
    slices().matching(ROOT + ".channel.(*)..").should().notDependOnEachOther().check(MAIN);
  }

  @Test
  void theDoorKnowsNoChannelsIo() {
    FreezingArchRule.freeze(
            noClasses()
                .that()
                .resideInAPackage(ROOT + ".http..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage(ROOT + ".channel.*.io.."))
        .check(MAIN);
  }

  @Test
  void nothingBelowTheWiringImportsIt() {
    ArchRule rule =
        noClasses()
            .that()
            .resideInAPackage(ROOT + ".*..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage(ROOT)
            .as("nothing below " + ROOT + " imports the wiring (Gateway, Services, the registry)");
    FreezingArchRule.freeze(rule).check(MAIN);
  }

  @Test
  void packagesAreFreeOfCycles() {
    FreezingArchRule.freeze(slices().matching(ROOT + ".(**)").should().beFreeOfCycles())
        .check(MAIN);
  }
}
