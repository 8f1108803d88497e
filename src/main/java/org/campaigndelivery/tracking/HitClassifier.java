package org.campaigndelivery.tracking;

import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * Tells the recipient's opens and clicks from those of machines, which are recorded but
 * not counted:
 * <ul>
 * <li>an open whose user agent is exactly "Mozilla/5.0" is Apple Mail Privacy Protection
 * fetching the images of every message it receives, read or not: PRIVACY_PROXY;</li>
 * <li>a hit without a user agent, or whose user agent names a security scanner, a link
 * checker or a programming library (Barracuda, Mimecast, Proofpoint, Microsoft's Safe
 * Links preview, curl, python-requests, headless Chrome...): SECURITY_SCANNER;</li>
 * <li>a hit that comes less than the automated-hit window (10 seconds by default) after
 * the message was relayed: no person reads and clicks that fast, scanners following every
 * link at delivery and proxies prefetching images do: SECURITY_SCANNER for a click,
 * PRIVACY_PROXY for an open.</li>
 * </ul>
 * Mail providers' image proxies that fetch when the person opens the message (Gmail's
 * GoogleImageProxy, Yahoo's) are counted: they stand for a real open.
 */
final class HitClassifier {

	private static final String APPLE_PRIVACY_PROTECTION = "Mozilla/5.0";

	private static final Pattern MACHINES = Pattern.compile("barracuda|mimecast|proofpoint|ppops-|urldefense"
			+ "|messagelabs|symantec|trendmicro|trend micro|fortiguard|sophos|forcepoint|ironport|safelinks"
			+ "|bingpreview|linkcheck|scanner|bot\\b|bot/|crawler|spider|curl/|wget/|python-requests|python-urllib"
			+ "|aiohttp|go-http-client|java/|java-http-client|okhttp|apache-httpclient|libwww-perl|headlesschrome|phantomjs",
			Pattern.CASE_INSENSITIVE);

	private final Duration automatedHitWindow;

	HitClassifier(Duration automatedHitWindow) {
		this.automatedHitWindow = automatedHitWindow;
	}

	/**
	 * @return why the hit is not counted, or null when it is
	 */
	Hit.Flag flag(Hit.Kind kind, String userAgent, Instant relayedAt, Instant at) {
		String agent = userAgent == null ? "" : userAgent.trim();
		if (kind == Hit.Kind.OPEN && agent.equals(APPLE_PRIVACY_PROTECTION)) {
			return Hit.Flag.PRIVACY_PROXY;
		}
		if (agent.isEmpty() || MACHINES.matcher(agent).find()) {
			return Hit.Flag.SECURITY_SCANNER;
		}
		if (at.isBefore(relayedAt.plus(this.automatedHitWindow))) {
			return kind == Hit.Kind.OPEN ? Hit.Flag.PRIVACY_PROXY : Hit.Flag.SECURITY_SCANNER;
		}
		return null;
	}

}
