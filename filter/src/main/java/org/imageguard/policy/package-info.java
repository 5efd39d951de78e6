/**
 * Request policies: pure decisions from {@link org.imageguard.http.RequestFacts}, no servlet or Jetty types, built once
 * from the settings. {@link org.imageguard.policy.SiteAccess} compiles them once per configured policy into the
 * access rules of its {@link org.imageguard.http.CompiledPolicy};
 * {@link org.imageguard.policy.ImageGuardSite} builds the whole pipeline from a configuration.
 *
 * <ul>
 *   <li>{@link org.imageguard.policy.hotlink.HotlinkPolicy}: may this page embed the image?
 *       {@link org.imageguard.policy.hotlink.Placeholder} is the image a denied embed may get instead.</li>
 *   <li>{@link org.imageguard.policy.crawlers.CrawlerPolicy}: is this an AI training crawler, and is it refused?
 *       The crawlers are data: {@link org.imageguard.policy.crawlers.AiCrawlerList#builtIn()}.</li>
 *   <li>{@link org.imageguard.policy.robots.RobotsTxt} and {@link org.imageguard.policy.robots.TdmRep}: the two
 *       files crawlers read, {@code /robots.txt} and {@code /.well-known/tdmrep.json}.</li>
 * </ul>
 *
 * <pre>{@code
 * RequestFacts facts = Answers.factsOf(servletRequest);      // org.imageguard.http.RequestFacts, as the pipeline
 * CrawlerDecision crawler = crawlerPolicy.decide(facts);   // BLOCK -> 403 (never on robots.txt / tdmrep.json)
 * HotlinkDecision hotlink = hotlinkPolicy.decide(facts);   // before the cache lookup; denial -> hotlink.action
 * }</pre>
 *
 * <p>Decisions worth knowing, where nginx {@code valid_referers} and this code differ or nginx says nothing:
 * <ul>
 *   <li>{@code *.example.com} covers subdomains only (as nginx); {@code .example.com} covers both.</li>
 *   <li>{@code example.*} accepts a one-label tail or a well-known second-level label plus one ({@code .co.uk});
 *       nginx accepts any tail, so {@code example.com.evil.test} would pass there.</li>
 *   <li>A Referer that is not URL-shaped is "blocked" (nginx). An http(s) Referer whose host does not parse, and
 *       {@code //host} or backslash forms, are never blocked but "bad" and denied: browsers never send them.</li>
 *   <li>A {@code ~regex} entry is searched in the normalized {@code host/path}, not in the raw header, so userinfo,
 *       ports and the query cannot satisfy it.</li>
 *   <li>A path-prefix entry ({@code example.com/galleries/}) ignores referers whose path has dot segments.</li>
 *   <li>Exempt paths and the redirect target are matched against the decoded request path.</li>
 * </ul>
 */
package org.imageguard.policy;
