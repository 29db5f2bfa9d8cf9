package cn.gov12345.intake.support;

import cn.gov12345.intake.media.StoredMedia;
import java.util.Map;

/**
 * The completed uploads the {@code channels/app/samples} reference: both belong to {@link
 * #UPLOADER}; any other media id, or these under another user, is refused as the media registry
 * refuses it.
 */
public final class ContractUploads {

  /** The app user whose uploads exist in the contract. */
  public static final String UPLOADER = "app-user-20260115";

  /** The uploads by media id, as the media store keeps them. */
  public static final Map<String, StoredMedia> UPLOADS =
      Map.of(
          "m_01JG2W8Q4N7Y3X5V1T9R0P6K2M",
          AppFixture.stored(
              "4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b",
              1_254_871,
              "image/jpeg"),
          "m_01JG2W9A6B8C0D2E4F6G8H0J2K",
          AppFixture.stored(
              "e3b98a4da31a127d4bde6e43033f66ba274cab0eb7eb1c70ec41402bf6273dd8",
              38_912_004,
              "video/quicktime"));

  private ContractUploads() {}
}
