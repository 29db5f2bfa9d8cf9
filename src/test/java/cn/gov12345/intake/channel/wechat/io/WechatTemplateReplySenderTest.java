package cn.gov12345.intake.channel.wechat.io;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gov12345.intake.config.WechatTemplateConfig;
import cn.gov12345.intake.config.WechatTemplateConfig.Keyword;
import cn.gov12345.intake.reply.OutboundMessage;
import cn.gov12345.intake.reply.ReplyAddress;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WechatTemplateReplySenderTest {

  @Test
  void valuesAreCutToWeChatsKeywordLimitsNeverRefused() {
    String longText = "小区停水三天了，至今没有任何通知，老人孩子生活非常不便，请尽快处理";

    assertThat(WechatTemplateReplySender.fit(longText, Keyword.THING))
        .hasSize(20)
        .endsWith("…")
        .startsWith("小区停水三天了");
    assertThat(WechatTemplateReplySender.fit("短文本", Keyword.THING)).isEqualTo("短文本");
    assertThat(WechatTemplateReplySender.fit("A".repeat(40), Keyword.CHARACTER_STRING))
        .isEqualTo("A".repeat(32));
    assertThat(WechatTemplateReplySender.fit("处理中请稍候", Keyword.PHRASE)).isEqualTo("处理中请稍");
    assertThat(WechatTemplateReplySender.fit("第一行\n第二行\t完", Keyword.OTHER)).isEqualTo("第一行 第二行 完");
  }

  @Test
  void aCharacterOutsideTheBasicPlaneCountsOnceAndIsNeverSplit() {
    String emoji = "😀".repeat(25);

    String cut = WechatTemplateReplySender.fit(emoji, Keyword.THING);

    assertThat(cut.codePointCount(0, cut.length())).isEqualTo(20);
    assertThat(cut).isEqualTo("😀".repeat(19) + "…");
  }

  @Test
  void theUrlPlaceholdersAreUrlEncodedAndParamsFillTheData() {
    WechatTemplateConfig template =
        new WechatTemplateConfig(
            "tpl",
            "https://12345.example.gov.cn/lookup?n={trackingNumber}&s={status}",
            Map.of("thing1", "{status}：{text}", "character_string2", "{queryCode}"));
    OutboundMessage message =
        new OutboundMessage(
            "reply-1",
            "ticket-1",
            "261126000000015",
            "wechat",
            "city",
            new ReplyAddress("oCitizen1", null, null),
            null,
            "progress",
            "已转朝阳区",
            Map.of("status", "已派单", "queryCode", "K7Q2M9"),
            false);

    TemplateMessage request = WechatTemplateReplySender.request(message, template);

    assertThat(request.url())
        .isEqualTo(
            "https://12345.example.gov.cn/lookup?n=261126000000015&s=%E5%B7%B2%E6%B4%BE%E5%8D%95");
    assertThat(request.data())
        .containsEntry("thing1", "已派单：已转朝阳区")
        .containsEntry("character_string2", "K7Q2M9");
    assertThat(request.clientMsgId()).isEqualTo("reply-1");
    assertThat(request.toString()).doesNotContain("oCitizen1").doesNotContain("已转朝阳区");
  }
}
