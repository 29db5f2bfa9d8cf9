package cn.gov12345.intake.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/** How the external Redis is deployed. */
public enum RedisMode {
  @JsonProperty("standalone")
  STANDALONE,
  @JsonProperty("sentinel")
  SENTINEL,
  @JsonProperty("cluster")
  CLUSTER
}
