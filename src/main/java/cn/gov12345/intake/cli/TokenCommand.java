package cn.gov12345.intake.cli;

import cn.gov12345.intake.config.AppAuthConfig;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code token [--subject USER] [--ttl 1h]}: an HS256 app login JWT signed with the configured
 * {@code channels.app.auth.hs256Secret}, with the claims the gateway checks ({@code sub}, {@code
 * aud}, {@code iss} when configured, {@code iat}, {@code exp}). For development and trials only.
 */
@Command(
    name = "token",
    mixinStandardHelpOptions = true,
    description = "Print a development app JWT (HS256 app auth) for Authorization: Bearer.")
final class TokenCommand implements Callable<Integer> {

  @Mixin ConfigOption config;

  @Spec CommandSpec spec;

  @Option(names = "--subject", description = "the app user id (default: ${DEFAULT-VALUE})")
  String subject = "dev-user-1";

  @Option(names = "--ttl", description = "lifetime, ISO-8601 or like 1h, 30m (default: 1h)")
  String ttl = "1h";

  private final CliContext context;

  TokenCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() throws JOSEException {
    AppAuthConfig auth = config.load(context).channels().app().auth();
    if (auth.usesKeySet()) {
      spec.commandLine()
          .getErr()
          .println(
              "token signs with channels.app.auth.hs256Secret; this configuration checks RS256"
                  + " tokens against a key set (only the login service can sign those)");
      return IntakeCli.USAGE;
    }
    Duration lifetime = parse(ttl);
    if (lifetime == null || lifetime.isNegative() || lifetime.isZero()) {
      spec.commandLine().getErr().println("--ttl must be a positive duration like 1h or PT30M");
      return IntakeCli.USAGE;
    }
    Instant now = context.clock().instant();
    JWTClaimsSet.Builder claims =
        new JWTClaimsSet.Builder()
            .subject(subject)
            .audience(auth.audience())
            .issueTime(Date.from(now))
            .expirationTime(Date.from(now.plus(lifetime)));
    if (!auth.issuer().isEmpty()) {
      claims.issuer(auth.issuer());
    }
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
    jwt.sign(new MACSigner(auth.hs256Secret().utf8()));
    spec.commandLine().getOut().println(jwt.serialize());
    spec.commandLine().getOut().flush();
    return 0;
  }

  private static Duration parse(String text) {
    try {
      return text.toUpperCase(java.util.Locale.ROOT).startsWith("P")
          ? Duration.parse(text)
          : Duration.parse("PT" + text.toUpperCase(java.util.Locale.ROOT));
    } catch (java.time.format.DateTimeParseException e) {
      return null;
    }
  }
}
