package cn.gov12345.intake.signals;

import java.util.List;

/** The CloudEvents types the signals worker emits (schemas under {@code schema/}). */
public final class SignalTypes {

  public static final String CITIZEN_LINKED = "cn.gov12345.intake.citizen.linked.v1";
  public static final String SUPERVISION_CLUE = "cn.gov12345.intake.supervision.clue.v1";
  public static final String DUPLICATE_SUSPECTED =
      "cn.gov12345.intake.ticket.duplicate.suspected.v1";
  public static final String ALERT_RAISED = "cn.gov12345.intake.alert.raised.v1";
  public static final String ALERT_CLEARED = "cn.gov12345.intake.alert.cleared.v1";

  /** Every signal type. */
  public static final List<String> ALL =
      List.of(CITIZEN_LINKED, SUPERVISION_CLUE, DUPLICATE_SUSPECTED, ALERT_RAISED, ALERT_CLEARED);

  private SignalTypes() {}
}
