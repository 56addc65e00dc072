# frozen_string_literal: true

# Converts Markdown bodies with Jekyll's own Markdown converter (kramdown
# through Jekyll::Converters::Markdown, with each site's `kramdown:` config):
# the reference test/conformance/kramdown.ts and bench/markdown.ts compare our
# renderer with. Liquid is not run. One Ruby process for every body.
#
#   ruby test/conformance/kramdown-convert.rb < request.json > response.json
#
# Request (stdin, JSON):
#   {"sites": [{"dir": "/abs/site", "items": [{"id": "k1", "body": "…"}, …]}, …]}
# Response (stdout, JSON):
#   {"jekyll": "4.3.1", "kramdown": "2.4.0", "ruby": "…",
#    "results": [{"id": "k1", "html": "…", "ms": 1.23}
#              | {"id": "k1", "error": "Class: message"}, …]}
# `ms` is the wall time of the one conversion of that body (the converter is
# warmed up once per site first; Jekyll's in-memory cache is bypassed by
# calling the converter's parser, after the output itself came from
# Jekyll's `convert`).
# Exit status: 0 when the JSON was printed, 3 when Jekyll could not be driven.

require "json"
require "tmpdir"

# Jekyll logs to $stdout at some levels: keep stdout for our JSON only.
JSON_OUT = $stdout.dup
$stdout.reopen($stderr)

require "jekyll"

def now_ms
  Process.clock_gettime(Process::CLOCK_MONOTONIC, :float_millisecond)
end

begin
  request = JSON.parse($stdin.read)
  results = []
  request.fetch("sites").each do |site_req|
    dir = site_req.fetch("dir")
    config = Jekyll.configuration(
      "source" => dir, "destination" => File.join(Dir.tmpdir, "kramdown-convert-site"),
      "quiet" => true, "theme" => false, "plugins" => [], "safe" => true
    )
    site = Jekyll::Site.new(config)
    converter = site.find_converter_instance(Jekyll::Converters::Markdown)
    converter.setup
    parser = converter.instance_variable_get(:@parser)
    # Warm-up: loads kramdown, the GFM parser and Rouge's common lexers.
    parser.convert("# Warm up\n\nSome *text* and `code`.\n\n```ruby\nputs 1\n```\n")
    site_req.fetch("items").each do |item|
      body = item.fetch("body")
      begin
        html = converter.convert(body)
        t0 = now_ms
        parser.convert(body)
        ms = now_ms - t0
        results << { "id" => item["id"], "html" => html, "ms" => ms.round(4) }
      rescue StandardError, ScriptError => e
        results << { "id" => item["id"], "error" => "#{e.class}: #{e.message}" }
      end
    end
  end
  JSON_OUT.write(JSON.generate({
    "jekyll" => Jekyll::VERSION, "kramdown" => Kramdown::VERSION, "ruby" => RUBY_VERSION,
    "results" => results,
  }))
  JSON_OUT.flush
rescue StandardError, ScriptError => e
  warn "kramdown-convert.rb: #{e.class}: #{e.message}"
  warn e.backtrace.first(5).join("\n")
  exit 3
end
