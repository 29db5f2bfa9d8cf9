package cn.gov12345.intake.reply;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * {@code data} of {@code reply.requested.v1}: one message to send to a ticket's citizen. Either
 * {@code text} (a department's words) or {@code template} (a configured text the worker renders at
 * send time, so the 查询码 never travels in the stream) is set.
 *
 * @param replyId the reply (a UUID; sends are deduplicated by it)
 * @param ticketId the ticket
 * @param trackingNumber its tracking number
 * @param channel the channel the ticket came in on
 * @param kind receipt, progress, answer, request_info, survey or survey_which
 * @param text the text to send, or null
 * @param template the template name ({@code replies.templates}), or null
 * @param params the template's values (department, text), may be empty
 * @param urgent whether quiet hours are ignored
 * @param requestedBy the department (destination / pull consumer) or {@code gateway}
 * @param requestedAt when it was requested
 * @param cause the id of the event that caused an automatic reply, or null
 * @param notBefore not sent before this instant (ISO-8601), or null: the survey waits after 办结
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReplyRequest(
    String replyId,
    String ticketId,
    String trackingNumber,
    String channel,
    String kind,
    String text,
    String template,
    Map<String, String> params,
    boolean urgent,
    String requestedBy,
    String requestedAt,
    String cause,
    String notBefore) {

  public ReplyRequest {
    params = params == null ? Map.of() : Map.copyOf(params);
  }
}
