package cn.gov12345.intake.support;

import cn.gov12345.intake.error.IntakeException;

/**
 * What a parser may do with hostile input in a fuzz target: return, or refuse with a typed error.
 */
public final class Hostile {

  private Hostile() {}

  /** Runs the parse; the project's typed refusal is an answer, any other throwable a finding. */
  public static void parse(Runnable parse) {
    try {
      parse.run();
    } catch (IntakeException refused) {
      // a 4xx with a stable error code: the expected answer to hostile input
    }
  }
}
