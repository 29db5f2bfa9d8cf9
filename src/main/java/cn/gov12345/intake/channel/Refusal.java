package cn.gov12345.intake.channel;

import cn.gov12345.intake.error.ErrorCode;

/**
 * A refused request as the client is told it: the stable code, the human sentence, the correlation
 * id and the path it was refused on. The door renders it as problem+json unless the endpoint
 * renders refusals its own way.
 */
public record Refusal(ErrorCode code, String detail, String correlationId, String path) {}
