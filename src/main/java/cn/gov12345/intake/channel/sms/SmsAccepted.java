package cn.gov12345.intake.channel.sms;

import cn.gov12345.intake.channel.Accepted;
import cn.gov12345.intake.channel.Outcome;
import java.util.List;

/**
 * What the store answered for every text of one push, in push order; a duplicate push is one whose
 * every text repeated one already appended.
 */
public record SmsAccepted(List<Accepted> texts) implements Outcome {

  public SmsAccepted {
    texts = List.copyOf(texts);
  }

  @Override
  public boolean duplicate() {
    return !texts.isEmpty() && texts.stream().allMatch(Accepted::duplicate);
  }
}
