package cn.gov12345.intake.channel.sms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Alibaba Cloud's RPC signature against the SendSms example Alibaba publishes: the parameters of
 * https://help.aliyun.com/document_detail/101343.htm (短信服务 · 请求签名, steps 1-5) with the nonce and
 * timestamp fixed as in Alibaba's "HTTP协议及签名" walkthrough of the same request
 * (https://developer.aliyun.com/ask/218522), whose signed request reads {@code GET
 * /?Signature=zJDF%2BLrzhj%2FThnlvIToysFRq6t4%3D&AccessKeyId=testId&Action=SendSms&…}.
 */
class AliyunSignatureTest {

  /** The published request: AccessKeyId testId, AccessKeySecret testSecret. */
  static Map<String, String> publishedExample() {
    Map<String, String> p = new HashMap<>();
    p.put("SignatureMethod", "HMAC-SHA1");
    p.put("SignatureNonce", "45e25e9b-0a6f-4070-8c85-2956eda1b466");
    p.put("AccessKeyId", "testId");
    p.put("SignatureVersion", "1.0");
    p.put("Timestamp", "2017-07-12T02:42:19Z");
    p.put("Format", "XML");
    p.put("Action", "SendSms");
    p.put("Version", "2017-05-25");
    p.put("RegionId", "cn-hangzhou");
    p.put("PhoneNumbers", "15300000001");
    p.put("SignName", "阿里云短信测试专用");
    p.put("TemplateParam", "{\"customer\":\"test\"}");
    p.put("TemplateCode", "SMS_71390007");
    p.put("OutId", "123");
    return p;
  }

  @Test
  void thePublishedSendSmsExampleSignsToThePublishedSignature() {
    assertThat(AliyunSignature.sign("testSecret", "GET", publishedExample()))
        .isEqualTo("zJDF+Lrzhj/ThnlvIToysFRq6t4=");
    assertThat(AliyunSignature.percentEncode("zJDF+Lrzhj/ThnlvIToysFRq6t4="))
        .isEqualTo("zJDF%2BLrzhj%2FThnlvIToysFRq6t4%3D");
  }

  @Test
  void thePublishedExampleCanonicalizesAsTheDocumentShows() {
    assertThat(AliyunSignature.canonicalQuery(publishedExample()))
        .isEqualTo(
            "AccessKeyId=testId&Action=SendSms&Format=XML&OutId=123&PhoneNumbers=15300000001"
                + "&RegionId=cn-hangzhou&SignName=%E9%98%BF%E9%87%8C%E4%BA%91%E7%9F%AD%E4%BF%A1"
                + "%E6%B5%8B%E8%AF%95%E4%B8%93%E7%94%A8&SignatureMethod=HMAC-SHA1"
                + "&SignatureNonce=45e25e9b-0a6f-4070-8c85-2956eda1b466&SignatureVersion=1.0"
                + "&TemplateCode=SMS_71390007&TemplateParam=%7B%22customer%22%3A%22test%22%7D"
                + "&Timestamp=2017-07-12T02%3A42%3A19Z&Version=2017-05-25");
    assertThat(AliyunSignature.stringToSign("GET", publishedExample()))
        .startsWith("GET&%2F&AccessKeyId%3DtestId%26Action%3DSendSms%26Format%3DXML%26");
  }

  @Test
  void popEncodingKeepsOnlyUnreservedCharactersAndWritesSpacesAsPercent20() {
    assertThat(AliyunSignature.percentEncode("a b*c~d+e/f")).isEqualTo("a%20b%2Ac~d%2Be%2Ff");
    assertThat(AliyunSignature.percentEncode("-_.~AZaz09")).isEqualTo("-_.~AZaz09");
  }

  @Test
  void aSignatureParameterIsNeverPartOfWhatIsSigned() {
    Map<String, String> withSignature = publishedExample();
    withSignature.put("Signature", "anything");

    assertThat(AliyunSignature.sign("testSecret", "GET", withSignature))
        .isEqualTo("zJDF+Lrzhj/ThnlvIToysFRq6t4=");
  }

  @Test
  void thePostMethodIsPartOfTheStringToSign() {
    assertThat(AliyunSignature.stringToSign("POST", publishedExample())).startsWith("POST&%2F&");
    assertThat(AliyunSignature.sign("testSecret", "POST", publishedExample()))
        .isNotEqualTo("zJDF+Lrzhj/ThnlvIToysFRq6t4=");
  }
}
