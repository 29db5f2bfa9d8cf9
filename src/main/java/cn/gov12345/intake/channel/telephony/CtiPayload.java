package cn.gov12345.intake.channel.telephony;

/**
 * The generic CTI JSON event, field for field (see {@code channels/telephony/README.md}).
 *
 * @param callId the PBX's call id
 * @param event ringing, queued, answered, transferred, ended, abandoned, voicemail,
 *     recording-ready, transcript-ready
 * @param timestamp when it happened (RFC 3339)
 * @param sequence the PBX's per-call event counter, or null
 * @param direction inbound or outbound
 * @param caller the calling number, or anonymous
 * @param callee the called number
 * @param agent who answered or was transferred to
 * @param queue the queue name
 * @param answeredAt on ended: when the call was answered (absent = never answered)
 * @param cause the PBX's end cause
 * @param durationSeconds talk time
 * @param queueWaitSeconds time in the queue
 * @param recordingUrl where the recording can be downloaded (recording-ready)
 * @param recordingId the PBX's recording id
 * @param transcript the transcription (transcript-ready)
 */
record CtiPayload(
    String callId,
    String event,
    String timestamp,
    Integer sequence,
    String direction,
    String caller,
    String callee,
    String agent,
    String queue,
    String answeredAt,
    String cause,
    Integer durationSeconds,
    Integer queueWaitSeconds,
    String recordingUrl,
    String recordingId,
    String transcript) {}
