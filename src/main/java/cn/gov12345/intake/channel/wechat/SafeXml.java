package cn.gov12345.intake.channel.wechat;

import cn.gov12345.intake.error.ChannelException;
import cn.gov12345.intake.error.ErrorCode;
import java.io.ByteArrayInputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads WeChat's flat XML documents ({@code <xml><Field>value</Field>…</xml>}) into a map, with the
 * JDK's StAX reader: no DTD at all (a DOCTYPE is refused as soon as it is seen, so neither external
 * entities nor entity expansion (billion laughs) ever run), bounded size, depth and field count.
 * Nested elements become dotted names ({@code ScanCodeInfo.ScanType}).
 *
 * <p>StAX rather than Jackson XML: no extra dependency, and the streaming reader lets us stop at
 * the DOCTYPE event before anything in it is processed.
 */
final class SafeXml {

  static final int MAX_BYTES = 64 * 1024;
  static final int MAX_DEPTH = 6;
  static final int MAX_FIELDS = 128;

  private static final XMLInputFactory FACTORY = newFactory();

  private SafeXml() {}

  /**
   * The JDK's own StAX parser, never whatever another jar on the class path registers (S3Mock's
   * Woodstox, for one, rejects the JAXP hardening properties below).
   */
  private static XMLInputFactory newFactory() {
    XMLInputFactory f = XMLInputFactory.newDefaultFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
    f.setProperty(XMLInputFactory.IS_COALESCING, true);
    f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    return f;
  }

  /**
   * Parses one document whose root element is {@code xml}.
   *
   * @throws ChannelException {@code xml_doctype_refused} for any DOCTYPE or entity reference,
   *     {@code malformed_xml} for anything else that is not a small flat document
   */
  static Map<String, String> parse(byte[] bytes) {
    if (bytes.length == 0 || bytes.length > MAX_BYTES) {
      throw malformed("The body must be an XML document of at most " + MAX_BYTES + " bytes.");
    }
    XMLStreamReader reader = null;
    try {
      reader = FACTORY.createXMLStreamReader(new ByteArrayInputStream(bytes));
      return read(reader);
    } catch (ChannelException e) {
      throw e;
    } catch (XMLStreamException | RuntimeException e) {
      // the JDK's parser also fails unchecked on some broken DTDs (a MissingResourceException for
      // an error message its bundle lacks, found by WechatParsersFuzzTest): still malformed input
      throw malformed("The body is not well-formed XML.");
    } finally {
      close(reader);
    }
  }

  private static Map<String, String> read(XMLStreamReader r) throws XMLStreamException {
    Map<String, String> fields = new LinkedHashMap<>();
    Deque<String> path = new ArrayDeque<>();
    StringBuilder text = new StringBuilder();
    boolean leaf = false;
    while (r.hasNext()) {
      int event = r.next();
      switch (event) {
        case XMLStreamConstants.DTD, XMLStreamConstants.ENTITY_REFERENCE ->
            throw new ChannelException(
                ErrorCode.XML_DOCTYPE_REFUSED, "Document type declarations are not accepted.");
        case XMLStreamConstants.START_ELEMENT -> {
          enter(path, r.getLocalName());
          text.setLength(0);
          leaf = true;
        }
        case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE ->
            text.append(r.getText());
        case XMLStreamConstants.END_ELEMENT -> {
          if (leaf && path.size() > 1) {
            put(fields, path, text.toString().strip());
          }
          leaf = false;
          path.removeLast();
        }
        default -> {
          // comments, processing instructions, the XML declaration: nothing to keep
        }
      }
    }
    return fields;
  }

  private static void enter(Deque<String> path, String name) {
    if (path.isEmpty() && !name.equals("xml")) {
      throw malformed("The root element must be <xml>.");
    }
    if (path.size() >= MAX_DEPTH) {
      throw malformed("The XML is nested deeper than " + MAX_DEPTH + " levels.");
    }
    path.addLast(name);
  }

  private static void put(Map<String, String> fields, Deque<String> path, String value) {
    String name = String.join(".", path).substring(4);
    if (fields.size() >= MAX_FIELDS) {
      throw malformed("The XML has more than " + MAX_FIELDS + " fields.");
    }
    // repeated items (e.g. SendPicsInfo lists) keep their first value
    fields.putIfAbsent(name, value);
  }

  private static void close(XMLStreamReader reader) {
    if (reader != null) {
      try {
        reader.close();
      } catch (XMLStreamException ignored) {
        // nothing held beyond the byte array
      }
    }
  }

  private static ChannelException malformed(String message) {
    return new ChannelException(ErrorCode.MALFORMED_XML, message);
  }
}
