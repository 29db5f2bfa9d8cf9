package cn.gov12345.intake.channel.wechat.io;

import io.vertx.core.buffer.Buffer;

/**
 * A downloaded media file.
 *
 * @param bytes the content
 * @param declaredType the Content-Type WeChat (or the video URL) declared; not to be trusted
 */
public record WechatMedia(Buffer bytes, String declaredType) {}
