package cn.gov12345.intake.channel.web;

import java.time.Instant;

/**
 * A verified ALTCHA solution: the challenge it solved and until when it could be used. The HTTP
 * side records {@code challenge} as used until {@code expiresAt}, so a solution is good for one
 * submission.
 *
 * @param challenge the challenge's hex SHA-256 (unique per issued challenge)
 * @param expiresAt the expiry signed into the challenge
 */
public record ProofOfWork(String challenge, Instant expiresAt) {}
