package org.campaigndelivery;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.campaigndelivery.support.ApplicationProcess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * README's five-minute tour, run as written against the application on its embedded
 * defaults (sandbox MTA, demo users) in a JVM of its own: every `# ->` line of the tour
 * is found in what the command above it prints, so the tour cannot promise what the
 * application no longer does.
 */
class ReadmeTourTests {

	private static final Path README = Path.of("README.md");

	private static final String BASE = "BASE=http://localhost:8080";

	private static final String EXPECTED = "# -> ";

	private static final String STEP_MARK = "@@tour-step ";

	@Test
	void shouldSendTheToursDeliveryCountItsBounceAndComputeItsStatsAsTheTourSays(@TempDir Path directory)
			throws Exception {
		assumeTrue(curlInstalled(), "the tour needs curl (.ci/run installs it); not run without it");
		List<Step> steps = tourSteps();
		assertThat(steps.stream().flatMap((step) -> step.expected().stream())).as("what the tour says happens")
			.contains("\"status\":\"SENT\"", "Hello Alice, the sale starts", "\"accepted\":1",
					"\"failureType\":\"HARD\"");

		Path log = Files.createDirectories(Path.of("target", "application-process")).resolve("readme-tour.log");
		Files.deleteIfExists(log);
		try (ApplicationProcess application = ApplicationProcess.start(log, directory.toFile(),
				ApplicationProcess.freePort())) {
			application.awaitPortOpen(Duration.ofMinutes(2));
			List<String> outputs = run(script(steps, application.port()), directory,
					log.resolveSibling("readme-tour.out"));

			for (int i = 0; i < steps.size(); i++) {
				for (String expected : steps.get(i).expected()) {
					assertThat(outputs.get(i)).as("the output of the tour's step\n" + steps.get(i).commands())
						.contains(expected);
				}
			}
		}
		// a fresh run, from its start to its stop, says nothing a newcomer would have to
		// act on
		assertThat(Files.readAllLines(log)).as("the application's log")
			.anyMatch((line) -> line.contains("Started "))
			.noneMatch((line) -> line.contains(" WARN ") || line.contains(" ERROR "));
	}

	/**
	 * The tour's fenced bash block, cut at its blank lines into steps: each step's
	 * commands and the `# ->` lines that say what they print.
	 */
	private static List<Step> tourSteps() throws IOException {
		List<String> lines = Files.readAllLines(README);
		int heading = lines.indexOf("## A five-minute tour");
		assertThat(heading).as("README's tour heading").isNotNegative();
		int start = lines.subList(heading, lines.size()).indexOf("```bash") + heading + 1;
		int end = lines.subList(start, lines.size()).indexOf("```") + start;
		assertThat(lines.get(start)).as("the tour's first line sets the address it calls").isEqualTo(BASE);
		List<Step> steps = new ArrayList<>();
		StringBuilder commands = new StringBuilder();
		List<String> expected = new ArrayList<>();
		for (String line : lines.subList(start, end + 1)) {
			if (line.isBlank() || line.equals("```")) {
				if (!commands.isEmpty()) {
					steps.add(new Step(commands.toString(), List.copyOf(expected)));
				}
				commands.setLength(0);
				expected.clear();
			}
			else if (line.startsWith(EXPECTED)) {
				expected.add(line.substring(EXPECTED.length()));
			}
			else {
				commands.append(line).append('\n');
			}
		}
		assertThat(steps).as("the tour's steps").hasSizeGreaterThan(5);
		return steps;
	}

	/**
	 * One bash script of every step as written, the address pointed at the application's
	 * port, each step's output after a mark of its own.
	 */
	private static String script(List<Step> steps, int port) {
		StringBuilder script = new StringBuilder("set -e -o pipefail\n");
		for (int i = 0; i < steps.size(); i++) {
			script.append("echo '").append(STEP_MARK).append(i).append("'\n");
			script.append(steps.get(i).commands().replace(BASE, "BASE=http://localhost:" + port));
		}
		return script.toString();
	}

	/** Runs the script in the directory; what it prints is kept in the output file. */
	private static List<String> run(String script, Path directory, Path output) throws Exception {
		Path file = directory.resolve("tour.sh");
		Files.writeString(file, script);
		Process bash = new ProcessBuilder("bash", file.toString()).directory(directory.toFile())
			.redirectErrorStream(true)
			.redirectOutput(output.toFile())
			.start();
		boolean ended = bash.waitFor(3, TimeUnit.MINUTES);
		if (!ended) {
			bash.destroyForcibly().waitFor();
		}
		String printed = Files.readString(output, StandardCharsets.UTF_8);
		assertThat(ended).as("the tour ended within 3 minutes; it printed:\n" + printed).isTrue();
		assertThat(bash.exitValue()).as("the tour's exit status; it printed:\n" + printed).isZero();
		List<String> outputs = new ArrayList<>();
		for (String part : printed.split(STEP_MARK + "\\d+\n", -1)) {
			outputs.add(part);
		}
		// what precedes the first mark is not a step's
		return outputs.subList(1, outputs.size());
	}

	private static boolean curlInstalled() throws InterruptedException {
		try {
			Process curl = new ProcessBuilder("curl", "--version").redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.DISCARD)
				.start();
			return curl.waitFor(10, TimeUnit.SECONDS) && curl.exitValue() == 0;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private record Step(String commands, List<String> expected) {
	}

}
