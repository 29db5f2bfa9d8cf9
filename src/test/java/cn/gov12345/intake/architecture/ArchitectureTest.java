package cn.gov12345.intake.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The floor plan, enforced: channels are pure and never reach another channel; and — as known debt
 * that may only shrink, listed in {@code src/test/resources/architecture/} — the door knowing a
 * channel's I/O, packages below the wiring importing it (the {@code Services} locator), and package
 * cycles. A class or cycle not on those lists fails the build; one fixed is struck off.
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
  void theDoorKnowsNoChannelsIoBeyondTheKnownDebt() throws IOException {
    Set<String> found =
        classesDependingOn(
            c -> c.getPackageName().startsWith(ROOT + ".http"),
            t -> t.getPackageName().matches(ROOT.replace(".", "\\.") + "\\.channel\\.\\w+\\.io"));
    assertThat(known("door-knows-channel-io.txt")).containsAll(found);
  }

  @Test
  void nothingBelowTheWiringImportsItBeyondTheKnownDebt() throws IOException {
    Set<String> found =
        classesDependingOn(
            c -> c.getPackageName().startsWith(ROOT + "."), t -> t.getPackageName().equals(ROOT));
    assertThat(known("imports-the-wiring.txt")).containsAll(found);
  }

  @Test
  void noPackageCycleBeyondTheKnownDebt() throws IOException {
    Set<String> cycles =
        slices()
            .matching(ROOT + ".(**)")
            .should()
            .beFreeOfCycles()
            .evaluate(MAIN)
            .getFailureReport()
            .getDetails()
            .stream()
            .map(ArchitectureTest::cycleOf)
            .collect(Collectors.toCollection(TreeSet::new));
    assertThat(known("package-cycles.txt")).containsAll(cycles);
  }

  /** "Cycle detected: Slice a -> Slice b -> Slice a" of a violation's description. */
  private static String cycleOf(String detail) {
    return detail
        .lines()
        .map(String::strip)
        .takeWhile(l -> !l.startsWith("1."))
        .collect(Collectors.joining(" "))
        .strip();
  }

  private static Set<String> classesDependingOn(
      Predicate<JavaClass> origin, Predicate<JavaClass> target) {
    Set<String> found = new TreeSet<>();
    for (JavaClass c : MAIN) {
      if (origin.test(c)
          && c.getDirectDependenciesFromSelf().stream()
              .anyMatch(d -> target.test(d.getTargetClass()))) {
        found.add(c.getName().replaceAll("\\$.*", ""));
      }
    }
    return found;
  }

  private static Set<String> known(String file) throws IOException {
    try (InputStream in = ArchitectureTest.class.getResourceAsStream("/architecture/" + file)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .lines()
          .map(String::strip)
          .filter(l -> !l.isEmpty() && !l.startsWith("#"))
          .collect(Collectors.toSet());
    }
  }
}
