package cn.gov12345.intake.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One registered SMS template ({@code …sms.templates.<kind>}). China's carriers deliver only
 * templates (and signatures) registered and approved in advance, so a message kind without one is
 * never sent by SMS.
 *
 * @param code the template code as registered with the provider ({@code SMS_123456789} at Alibaba
 *     Cloud)
 * @param params the template's variables: variable name as registered → the key of the reply's
 *     params that fills it ({@code trackingNumber}, {@code queryCode}, {@code status}, {@code text}
 *     …)
 */
public record SmsTemplateConfig(String code, Map<String, String> params) {

  private static final String CODE = "[A-Za-z0-9_.-]{1,64}";
  private static final String NAME = "[A-Za-z][A-Za-z0-9_]{0,31}";
  private static final String KEY = "[A-Za-z][A-Za-z0-9_]{0,63}";

  public SmsTemplateConfig {
    code = code == null ? "" : code.trim();
    params = params == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(params));
  }

  void validate(Problems p, String path) {
    p.require(code.matches(CODE), path + ".code", "must be the registered template code");
    params.forEach(
        (variable, key) -> {
          p.require(
              variable.matches(NAME),
              path + ".params",
              "variable names are letters, digits and _ (as registered)");
          p.require(
              key != null && key.matches(KEY),
              path + ".params." + variable,
              "must name a reply parameter (trackingNumber, queryCode, status, text …)");
        });
    p.require(params.size() <= 16, path + ".params", "holds at most 16 variables");
  }
}
