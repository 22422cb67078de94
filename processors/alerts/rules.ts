import { ConfigError } from '../../core/config.ts';
import { AlertRule, type AlertRuleInput } from '../../schema/alert.ts';
import type { LateralConfig } from '../../schema/config.ts';

/**
 * The rules every brand gets when the config writes none: bursts of volume, of negative talk, of complaints
 * addressed to the brand and of negative customer ↔ customer talk, a turn in the negative share, and a drop
 * in the response rate. All on authentic counts (flagged accounts left out).
 */
export const DEFAULT_RULES: AlertRuleInput[] = [
  { name: 'volume-surge', series: 'volume', windowMinutes: 5, minRatio: 3, minVolume: 15 },
  { name: 'negative-surge', series: 'negative', windowMinutes: 3, minRatio: 3, minVolume: 8 },
  {
    name: 'complaint-surge',
    series: 'negative',
    direction: 'customer_to_brand',
    windowMinutes: 5,
    minRatio: 3,
    minVolume: 6,
  },
  {
    name: 'lateral-negative',
    series: 'negative',
    direction: 'customer_to_customer',
    windowMinutes: 5,
    minRatio: 3,
    minVolume: 6,
  },
  // Quieter brands: an hour of negative talk well above its usual level.
  { name: 'negative-hour', series: 'negative', windowMinutes: 60, minRatio: 3, minVolume: 12 },
  {
    name: 'negative-share',
    series: 'negative_share',
    windowMinutes: 10,
    minRatio: 1.8,
    minVolume: 20,
  },
  // The brand stops answering: over an hour, customers left without a reply within an hour rise well above
  // the usual share. An hour window is tested about 24 independent times a day (not 1,440), so a laxer
  // p-value keeps false alarms as rare as the minute rules'.
  {
    name: 'response-drop',
    series: 'response_rate',
    windowMinutes: 60,
    responseMinutes: 60,
    pValue: 1e-4,
    minRatio: 2,
    minVolume: 10,
  },
];

export interface BrandRule {
  brand: string;
  rule: AlertRule;
}

/** The enabled rules per configured brand; a rule naming an unknown brand fails naming the field. */
export function resolveRules(config: LateralConfig): BrandRule[] {
  const brands = config.brands.map((b) => b.name);
  const rules = config.alerts.rules ?? DEFAULT_RULES.map((r) => AlertRule.parse(r));
  (config.alerts.rules ?? []).forEach((rule, i) => {
    for (const [j, brand] of (rule.brands ?? []).entries())
      if (!brands.includes(brand))
        throw new ConfigError(
          `invalid config:\n  alerts.rules[${i}].brands[${j}]: unknown brand ${JSON.stringify(brand)} (configured: ${brands.join(', ') || 'none'})`,
        );
  });
  return rules
    .filter((r) => r.enabled)
    .flatMap((rule) => (rule.brands ?? brands).map((brand) => ({ brand, rule })));
}
