package cn.gov12345.intake.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where the gateway runs: production refuses the embedded Redis and placeholder secrets. */
public enum Profile {
  @JsonProperty("development")
  DEVELOPMENT,
  @JsonProperty("production")
  PRODUCTION
}
