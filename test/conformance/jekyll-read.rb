# frozen_string_literal: true

# Reads a Jekyll site with Jekyll's own classes (no rendering) and prints, as
# JSON, what Jekyll thinks of every post: the reference our checks are
# compared with (see test/conformance/run.ts and /work/shared/TESTING.md §3).
#
#   ruby test/conformance/jekyll-read.rb SITE_DIR
#
# Output (one JSON object on stdout; Jekyll's own log goes into "log"):
#   site, jekyll, ruby, now, config{...}, notes[],
#   posts[]            {path, date, slug, url, categories, tags, published,
#                       layout, draft, future, title, front_matter_error}
#   skipped[]          files under a _posts folder Jekyll did not read as posts
#                      (files in "fatal" are in neither list)
#   skipped_drafts[]   the same for _drafts folders
#   yaml_exceptions[]  {file, class, kind, message, line?, column?}: front
#                      matter Psych failed to load (line/column 1-based in the
#                      file); kind: syntax, disallowed-class, bad-alias, yaml
#                      (Jekyll logs "YAML Exception reading …" for a syntax
#                      error, "could not read file …" for a disallowed class or
#                      alias; either way the whole front matter is dropped)
#   read_errors[]      {file, class, kind, message, fatal}: every other read
#                      error; kind: not-a-mapping (front matter is a list or a
#                      string: Jekyll drops it), invalid-utf8 (post skipped),
#                      invalid-date (fatal), other (e.g. `categories: 2023`)
#   fatal[]            {file, class, message}: errors that stop a real build
#                      (e.g. InvalidDateError). The script records the file,
#                      re-reads the site with it excluded and goes on, so one
#                      bad date does not hide the rest of the site.
#   log[]              {level, message}: everything Jekyll logged
#
# Reading options: every post is read (future, unpublished and drafts on) so
# that "future", "published" and "draft" can be reported per post; theme and
# plugins off, safe mode, limit_posts 0; strict_front_matter is forced off (a
# strict site would stop at its first YAML error) and noted in "notes".
# Exit status: 0 when the JSON was printed (even with fatal Jekyll errors),
# 2 on usage error, 3 when Jekyll itself could not be driven (message on stderr).

require "json"
require "find"
require "tmpdir"
require "timeout"

if ARGV.length != 1 || !File.directory?(ARGV[0])
  warn "usage: ruby jekyll-read.rb SITE_DIR"
  exit 2
end

SITE_DIR = File.realpath(ARGV[0])
TIMEOUT_SECONDS = Integer(ENV.fetch("JEKYLL_READ_TIMEOUT", "300"))
MAX_FATAL_RETRIES = 50

# Jekyll's logger writes some levels to $stdout: keep stdout for our JSON only.
JSON_OUT = $stdout.dup
$stdout.reopen($stderr)

require "jekyll"

# Receives every message Jekyll logs, whatever the level, and prints nothing.
class CaptureWriter
  attr_accessor :level
  attr_reader :entries

  def initialize
    @level = 0
    @entries = []
  end

  %i(debug info warn error fatal).each do |lvl|
    define_method(lvl) do |message = nil, &block|
      message = block.call if message.nil? && block
      @entries << { "level" => lvl.to_s, "message" => message.to_s }
      true
    end
  end

  def close; end
end

CAPTURE = CaptureWriter.new
Jekyll.instance_variable_set(:@logger, Jekyll::LogAdapter.new(CAPTURE, :debug))

# Records every error Document#read hands to Jekyll's own error handler, with
# the document and the exception class, before Jekyll logs (and maybe raises) it.
module ReadErrorCapture
  class << self
    attr_accessor :errors
  end
  self.errors = []

  # What went wrong, in our words (the exception class alone does not say
  # that a NoMethodError came from front matter that is a list or a string).
  def self.kind_of_error(error, path, site)
    case error
    when Psych::SyntaxError then "syntax"
    when Psych::DisallowedClass then "disallowed-class"
    when Psych::BadAlias then "bad-alias"
    when Psych::Exception then "yaml"
    when Jekyll::Errors::InvalidDateError then "invalid-date"
    else
      text = File.read(path, **Jekyll::Utils.merged_file_read_opts(site, {}))
      return "invalid-utf8" unless text.valid_encoding?

      if text =~ Jekyll::Document::YAML_FRONT_MATTER_REGEXP
        loaded = Jekyll::Utils.safe_load_yaml(Regexp.last_match(1))
        return "not-a-mapping" unless loaded.nil? || loaded.is_a?(Hash)
      end
      "other"
    end
  rescue StandardError
    "other"
  end

  def handle_read_error(error)
    ReadErrorCapture.errors << {
      "path"    => path,
      "class"   => error.class.name,
      "kind"    => ReadErrorCapture.kind_of_error(error, path, site),
      "message" => error.message.to_s,
      "fatal"   => (site.config["strict_front_matter"] || error.is_a?(Jekyll::Errors::FatalException)) ? true : false,
    }
    super
  end
end
Jekyll::Document.prepend(ReadErrorCapture)

def rel(abs)
  abs = abs.to_s
  abs.start_with?("#{SITE_DIR}/") ? abs.delete_prefix("#{SITE_DIR}/") : abs
end

def utf8(value)
  case value
  when String then value.dup.force_encoding(Encoding::UTF_8).scrub("\uFFFD")
  when Array then value.map { |v| utf8(v) }
  when Hash then value.to_h { |k, v| [utf8(k.to_s), utf8(v)] }
  when Time then value.strftime("%Y-%m-%d %H:%M:%S %z")
  when Date then value.strftime("%Y-%m-%d")
  when nil, true, false, Integer then value
  when Float then value.finite? ? value : value.to_s
  else utf8(value.to_s)
  end
end

def format_date(value)
  value.respond_to?(:strftime) ? value.strftime("%Y-%m-%d %H:%M:%S %z") : value&.to_s
end

# Every file below a folder named `name` anywhere in the site (the folder
# itself may be nested: en/_posts, _posts/2019/…), relative to the site root.
def files_under(name)
  found = []
  Find.find(SITE_DIR) do |p|
    base = File.basename(p)
    if File.directory?(p) && !File.symlink?(p)
      Find.prune if base == ".git" && p != SITE_DIR
      next
    end
    r = rel(p)
    found << r if r.split("/")[0..-2].include?(name) && (File.file?(p) || File.symlink?(p))
  end
  found.sort
end

BASE_OVERRIDES = {
  "source"              => SITE_DIR,
  "quiet"               => false,
  "verbose"             => true,
  "theme"               => false,
  "plugins"             => [],
  "safe"                => true,
  "show_drafts"         => true,
  "future"              => true,
  "unpublished"         => true,
  "limit_posts"         => 0,
  "strict_front_matter" => false,
  "incremental"         => false,
  "disable_disk_cache"  => true,
}.freeze

def read_site(destination, excluded)
  overrides = BASE_OVERRIDES.merge("destination" => destination)
  config = Jekyll.configuration(overrides)
  config["exclude"] = Array(config["exclude"]) + excluded unless excluded.empty?
  site = Jekyll::Site.new(config)
  site.read
  site
end

def post_record(site, doc, now)
  data = doc.data
  date = doc.date
  url = begin
    doc.url
  rescue StandardError => e
    { "error" => "#{e.class}: #{e.message}" }
  end
  yaml_failed = ReadErrorCapture.errors.any? { |e| e["path"] == doc.path }
  {
    "path"               => rel(doc.path),
    "date"               => format_date(date),
    "slug"               => data["slug"].nil? ? nil : utf8(data["slug"].to_s),
    "url"                => utf8(url),
    "categories"         => utf8(Array(data["categories"])),
    "tags"               => utf8(Array(data["tags"])),
    # Jekyll::Publisher#can_be_published? (with `unpublished` off): any value
    # but false/nil publishes — "false" (a string) and `flase` do.
    "published"          => data.fetch("published", true) ? true : false,
    "layout"             => data["layout"].nil? ? nil : utf8(data["layout"]),
    "draft"              => doc.draft? ? true : false,
    "future"             => date.respond_to?(:to_i) && date.to_i > now.to_i,
    "title"              => data["title"].nil? ? nil : utf8(data["title"].to_s),
    "front_matter_error" => yaml_failed,
  }
end

now = Time.now
notes = []
fatal = []
site = nil
config_view = {}
begin
  Timeout.timeout(TIMEOUT_SECONDS) do
    Dir.mktmpdir("jekyll-read-") do |tmp|
      excluded = []
      loop do
        ReadErrorCapture.errors = []
        begin
          site = read_site(File.join(tmp, "_site"), excluded)
          break
        rescue Jekyll::Errors::FatalException, Psych::Exception => e
          culprit = ReadErrorCapture.errors.reverse.find { |x| x["fatal"] }
          raise if culprit.nil? || excluded.length >= MAX_FATAL_RETRIES

          relpath = rel(culprit["path"])
          raise if excluded.include?(relpath)

          fatal << { "file" => relpath, "class" => e.class.name, "message" => utf8(e.message.to_s) }
          excluded << relpath
        end
      end
      notes << "re-read with #{excluded.join(', ')} excluded after fatal errors" unless excluded.empty?
      raw = YAML.safe_load(File.read(File.join(SITE_DIR, "_config.yml")), aliases: true) rescue nil
      notes << "strict_front_matter: true in _config.yml, forced off for reading" if raw.is_a?(Hash) && raw["strict_front_matter"]
      cfg = site.config
      config_view = {
        "timezone"        => cfg["timezone"],
        "TZ"              => ENV["TZ"],
        "collections_dir" => cfg["collections_dir"],
        "permalink"       => utf8(cfg["permalink"]),
        "markdown_ext"    => cfg["markdown_ext"],
      }
    end
  end
rescue Timeout::Error
  warn "jekyll-read.rb: reading #{SITE_DIR} took more than #{TIMEOUT_SECONDS}s"
  exit 3
rescue StandardError, ScriptError => e
  warn "jekyll-read.rb: Jekyll could not read #{SITE_DIR}: #{e.class}: #{e.message}"
  warn e.backtrace.first(8).join("\n")
  warn CAPTURE.entries.last(10).map { |x| "#{x['level']}: #{x['message']}" }.join("\n")
  exit 3
end

posts = site.posts.docs.sort_by(&:path).map { |doc| post_record(site, doc, now) }
post_paths = posts.map { |p| p["path"] }

yaml_exceptions = []
read_errors = []
ReadErrorCapture.errors.each do |e|
  entry = { "file" => rel(e["path"]), "class" => e["class"], "kind" => e["kind"], "message" => utf8(e["message"]) }
  # Psych counts from the opening fence, which is the file's first line.
  if (pos = e["message"].match(%r!at line (\d+) column (\d+)!))
    entry["line"] = pos[1].to_i
    entry["column"] = pos[2].to_i
  end
  if e["class"].start_with?("Psych::")
    yaml_exceptions << entry
  else
    read_errors << entry.merge("fatal" => e["fatal"])
  end
end
# Pages (Convertible#read_yaml) only log their YAML errors.
CAPTURE.entries.each do |x|
  m = x["message"].match(%r!\A(?:\S+:\s+)?YAML Exception reading (.+?): (.*)\z!m)
  next unless m
  file = rel(m[1])
  next if yaml_exceptions.any? { |y| y["file"] == file }

  yaml_exceptions << { "file" => file, "class" => "Psych::SyntaxError", "kind" => "syntax", "message" => utf8(m[2]) }
end

result = {
  "site"            => SITE_DIR,
  "jekyll"          => Jekyll::VERSION,
  "ruby"            => RUBY_VERSION,
  "psych"           => Psych::VERSION,
  "now"             => format_date(now),
  "config"          => config_view,
  "notes"           => notes,
  "posts"           => posts,
  # A file Jekyll stops on is neither a post nor skipped: it is in "fatal".
  "skipped"         => files_under("_posts") - post_paths - fatal.map { |f| f["file"] },
  "skipped_drafts"  => files_under("_drafts") - post_paths - fatal.map { |f| f["file"] },
  "yaml_exceptions" => yaml_exceptions.sort_by { |y| y["file"] },
  "read_errors"     => read_errors.sort_by { |y| y["file"] },
  "fatal"           => fatal,
  "log"             => CAPTURE.entries.map { |x| { "level" => x["level"], "message" => utf8(x["message"]) } },
}
JSON_OUT.write(JSON.pretty_generate(result))
JSON_OUT.write("\n")
JSON_OUT.flush
exit 0
