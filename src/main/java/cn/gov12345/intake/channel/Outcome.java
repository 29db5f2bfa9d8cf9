package cn.gov12345.intake.channel;

/** What an endpoint's I/O step reports back, as far as the door counts it. */
public interface Outcome {

  /** Whether the request repeated one already recorded (answered as a success). */
  boolean duplicate();
}
