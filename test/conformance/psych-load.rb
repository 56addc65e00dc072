# Reads JSON lines (YAML texts) and prints for each [ok, class or message]: Psych.safe_load as Jekyll 4.3 calls it.
require 'psych'; require 'date'; require 'json'
# reads JSON lines (strings), prints JSON lines [ok, message]
STDOUT.sync = true
STDIN.each_line do |l|
  s = JSON.parse(l)
  begin
    r = Psych.safe_load(s, permitted_classes: [Date, Time], aliases: true)
    puts JSON.generate([true, r.class.name])
  rescue Psych::SyntaxError => e
    puts JSON.generate([false, e.message])
  rescue Exception => e
    puts JSON.generate([nil, e.class.name + ': ' + e.message])
  end
end
