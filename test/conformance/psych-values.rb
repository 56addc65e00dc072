# Reads JSON lines (YAML texts) and prints for each the value Psych.safe_load makes of it, as JSON
# (floats as ["float", "to_s"], Date/Time as ["date", "to_s"], errors as ["error", class]).
require 'psych'; require 'date'; require 'json'
STDOUT.sync = true
def enc(v)
  case v
  when Float then ['float', v.nan? ? 'NaN' : v.infinite? ? (v > 0 ? 'Infinity' : '-Infinity') : v.to_s]
  when Integer then ['int', v.to_s]
  when Date, Time then ['date', v.to_s]
  when Hash then v.map { |k, x| [enc(k), enc(x)] }
  when Array then ['list', v.map { |x| enc(x) }]
  else v
  end
end
STDIN.each_line do |l|
  begin
    puts JSON.generate(enc(Psych.safe_load(JSON.parse(l), permitted_classes: [Date, Time], aliases: true)))
  rescue Exception => e
    puts JSON.generate(['error', e.class.name])
  end
end
