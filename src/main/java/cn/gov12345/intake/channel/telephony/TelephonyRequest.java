package cn.gov12345.intake.channel.telephony;

import cn.gov12345.intake.model.Inbound;

/**
 * One authenticated call event, ready for the call state machine.
 *
 * @param event the normalized call event
 * @param inbound its message (kind {@code call}) for the messages stream
 * @param twiml the TwiML to answer with (Twilio's incoming-call webhook), else null
 */
public record TelephonyRequest(CallEvent event, Inbound inbound, String twiml) {}
