package cn.gov12345.intake.channel.sms;

import cn.gov12345.intake.model.Inbound;

/**
 * One inbound SMS as the channel read it.
 *
 * @param inbound the message (citizen = the sender's E.164 number, opens or joins a ticket)
 * @param namedTrackingNumber a well-formed tracking number (受理编号, check digit right) the text
 *     names, or null: when it is one of this citizen's tickets the text is appended to it
 */
public record SmsText(Inbound inbound, String namedTrackingNumber) {}
