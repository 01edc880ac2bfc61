"""groupkit: a group and community backend behind an Envoy REST edge."""
