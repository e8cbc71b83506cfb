#!/bin/sh
# gen_news.sh N SEED -- N made-up Indonesian news articles as JSON Lines on
# stdout, for the tests of -j and of the cluster route (test_jobs.sh,
# test_scale.sh): random country pairs, verbs and dates, sentences of
# varying length (so that threads finish out of order), every 25th line
# broken JSON (an error the run must name and pass over).
awk -v n="${1:-200}" -v seed="${2:-1}" 'BEGIN {
  srand(seed);
  split("Rusia|Korea Utara|Jepang|Australia|Malaysia|Tiongkok|Prancis|Jerman|Iran|Israel|India|Mesir", c, "|");
  split("mengecam|mengunjungi|memuji|mengkritik|mendukung|mengancam|menyerang|bertemu", v, "|");
  split("Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember", mo, "|");
  for (i = 1; i <= n; i++) {
    if (i % 25 == 0) {
      printf("{\"id\":\"r%d\",\"text\": rusak\n", i);
      continue;
    }
    d = int(rand() * 28) + 1; m = int(rand() * 12) + 1; y = 2022 + int(rand() * 3);
    t = "";
    k = 1 + int(rand() * 12);
    for (s = 0; s < k; s++) {
      a = c[int(rand() * 12) + 1]; b = c[int(rand() * 12) + 1];
      if (a == b) b = (a == "Rusia") ? "Iran" : "Rusia";
      t = t sprintf("Pemerintah %s %s %s pada %d %s. ", a, v[int(rand() * 8) + 1], b, int(rand() * 28) + 1, mo[m]);
      t = t sprintf("Para menteri %s dan %s membahas kerja sama ekonomi di kawasan itu, kata pejabat nomor %d. ", a, b, i);
    }
    printf("{\"id\":\"r%d\",\"outlet\":\"%s\",\"date\":\"%04d-%02d-%02d\",\"title\":\"Berita %d\",\"text\":\"%s\"}\n",
           i, (rand() < 0.5) ? "satu.id" : "dua.id", y, m, d, i, t);
  }
}'
