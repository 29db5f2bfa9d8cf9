package cn.gov12345.intake.cli;

import cn.gov12345.intake.config.GatewayConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import java.util.function.UnaryOperator;

/**
 * What the commands get from outside: the environment, how a config file is loaded, the clock and
 * what {@code serve} runs (the wiring lives outside this package).
 *
 * @param env reads an environment variable
 * @param loader loads and validates defaults + the operator file (null = defaults alone)
 * @param clock the time tokens and signatures are made at
 * @param server starts the gateway with a loaded config; returns 0 once it runs, else an exit code
 */
public record CliContext(
    UnaryOperator<String> env,
    Function<Path, GatewayConfig> loader,
    Clock clock,
    ToIntFunction<GatewayConfig> server) {}
