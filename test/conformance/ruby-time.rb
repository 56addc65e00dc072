# Reads JSON lines ["zone", "string", now_epoch] and prints for each the
# result of Jekyll's date parsing (Time.parse(str, now).localtime in that zone)
# as "YYYY-MM-DD HH:MM:SS +ZZZZ", or "ERROR: message".
require 'json'
require 'time'
STDOUT.sync = true
STDIN.each_line do |line|
  zone, str, now = JSON.parse(line)
  ENV['TZ'] = zone
  begin
    t = Time.parse(str, Time.at(now)).localtime
    puts JSON.generate(t.strftime('%Y-%m-%d %H:%M:%S %z'))
  rescue ArgumentError => e
    puts JSON.generate("ERROR: #{e.message}")
  end
end
