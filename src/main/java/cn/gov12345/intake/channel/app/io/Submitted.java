package cn.gov12345.intake.channel.app.io;

import cn.gov12345.intake.stream.AppendResult;

/**
 * A submission's answer.
 *
 * @param ids the ticket's ids (the original ones for a replay)
 * @param queryCode the 查询码 of the tracking number
 * @param replayed true when this repeats the answer to an earlier request with the same key
 */
public record Submitted(AppendResult ids, String queryCode, boolean replayed) {}
