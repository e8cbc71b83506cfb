-- wrk_rotate.lua: each request asks /api/events for another of 40
-- country pairs in turn (bench/bench_serve.sh), so the response cache
-- holds 40 answers instead of one.
local codes = {"RUS","PRK","JPN","AUS","MYS","CHN","FRA","DEU","IRN","ISR",
               "IND","EGY","UKR","SGP","THA","VNM","PHL","TUR","BRA","CAN",
               "GBR","ITA","ESP","NLD","BEL","POL","SWE","NOR","MEX","ARG",
               "PAK","BGD","NGA","KEN","QAT","JOR","SYR","IRQ","SAU","KOR"}
local i = 0
request = function()
  i = i + 1
  local a = codes[(i % 40) + 1]
  local b = codes[((i + 7) % 40) + 1]
  return wrk.format("GET", "/api/events?source=" .. a .. "&target=" .. b .. "&limit=100")
end
