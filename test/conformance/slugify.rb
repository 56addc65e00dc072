# frozen_string_literal: true

# Reads JSON lines [string, mode, cased] on stdin and prints, one JSON string
# per line, what Jekyll::Utils.slugify(string, mode: mode, cased: cased)
# returns (mode null = Jekyll's default). The reference for
# test/conformance/slugify.ts.
require "json"
$stdout.sync = true
require "jekyll"
Jekyll.logger.log_level = :error # "Empty `slug` generated" warnings are expected

$stdin.each_line do |line|
  string, mode, cased = JSON.parse(line)
  puts JSON.generate(Jekyll::Utils.slugify(string, mode: mode, cased: cased ? true : false))
end
