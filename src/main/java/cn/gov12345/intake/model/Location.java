package cn.gov12345.intake.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Where the problem is.
 *
 * @param address address text as the citizen gave it
 * @param latitude WGS-84/GCJ-02 latitude as sent, or null
 * @param longitude longitude as sent, or null
 * @param regionCode administrative division code (GB/T 2260, e.g. 110105), or null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Location(String address, Double latitude, Double longitude, String regionCode) {}
