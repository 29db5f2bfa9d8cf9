package cn.gov12345.intake.channel.wechat;

/** WeChat's XML field names and message types (vendor vocabulary, one place). */
final class WechatFields {

  static final String TO_USER = "ToUserName";
  static final String FROM_USER = "FromUserName";
  static final String CREATE_TIME = "CreateTime";
  static final String MSG_TYPE = "MsgType";
  static final String MSG_ID = "MsgId";
  static final String CONTENT = "Content";
  static final String ENCRYPT = "Encrypt";
  static final String MEDIA_ID = "MediaId";
  static final String RECOGNITION = "Recognition";
  static final String LOCATION_X = "Location_X";
  static final String LOCATION_Y = "Location_Y";
  static final String LABEL = "Label";
  static final String TITLE = "Title";
  static final String DESCRIPTION = "Description";
  static final String URL = "Url";
  static final String LATITUDE = "Latitude";
  static final String LONGITUDE = "Longitude";

  static final String TEXT = "text";
  static final String IMAGE = "image";
  static final String VOICE = "voice";
  static final String VIDEO = "video";
  static final String SHORT_VIDEO = "shortvideo";
  static final String LOCATION = "location";
  static final String LINK = "link";
  static final String EVENT = "event";

  private WechatFields() {}
}
