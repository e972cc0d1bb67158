#!/usr/bin/env python3
"""Write docs.jsonl and gold.json (score_quotes.py format, with "family")
into the directory given, from the invented articles below: outlets that
render one statement differently (variants, fragments, shortened, close
translations) and several statements of one speaker.
Quotations are marked [[family|text]] in the texts; the marks are removed
and each becomes a gold entry (match = the text, speaker from SPEAKERS)."""
import json, re, sys

SPEAKERS = {
    "oyelaran-contract": "Marta Oyelaran", "oyelaran-nothing": "Marta Oyelaran",
    "solberg-cost": "Henrik Solberg", "solberg-talks": "Henrik Solberg",
    "duval-trade": "Agnes Duval", "lindqvist-wind": "Oskar Lindqvist",
    "lindqvist-homes": "Oskar Lindqvist", "sarris-help": "Elena Sarris",
    "sarris-blame": "Elena Sarris", "ekdahl-smoke": "Nora Ekdahl",
}

DOCS = [
("fam-a1", "Harbour Post", "2026-04-02", "Dock strike shuts Kessin port for a third day", """Cargo ships waited outside Kessin on Thursday as a strike by dock workers kept the port closed for a third day.

"[[oyelaran-contract|We will not go back to work until every dock worker has a contract that pays for the hours we actually work]]," said Marta Oyelaran, who leads the dockers' union.

Oyelaran said the port company had ignored the union for years. "[[oyelaran-nothing|The company has had three years to fix this and has done nothing]]."

Port director Henrik Solberg said the strike was hurting the whole region. "[[solberg-cost|Every day the cranes stand still costs the port more than two million kroner]]," he said.

Transport minister Agnes Duval told reporters in the capital: "[[duval-trade|The government will not stand between the workers and the employers, but it will not let the country's trade stop either]]."
"""),
("fam-a2", "Coastal Ledger", "2026-04-02", "Kessin dockers vow to stay out", """Striking dock workers in Kessin said on Thursday they would stay out until they had new contracts.

"[[oyelaran-contract|We will not go back to work until every dock worker has a contract that pays for the hours we work]]," union leader Marta Oyelaran told a rally at the main gate.

The port's director, Henrik Solberg, put the cost of the stoppage at "[[solberg-cost|more than two million kroner]]" a day and said he was ready to meet the union. "[[solberg-talks|My door is open, tonight if they want, but I cannot sign a contract the port cannot pay for]]," Solberg said.

Minister Agnes Duval said in a statement that "[[duval-trade|the state will not come between workers and employers, but neither will it allow the nation's trade to come to a halt]]."
"""),
("fam-a3", "Nordwire", "2026-04-03", "Port strike: talks offered as losses mount", """KESSIN, April 3 (Nordwire) - The head of Kessin's port offered talks with striking dockers on Friday.

"[[solberg-talks|My door is open, tonight if they want]]," port director Henrik Solberg said.

The strike had already cost too much, Solberg said. "[[solberg-cost|Every day the cranes stand still costs the port more than 2 million kroner]]."

Union leader Marta Oyelaran said the offer came late. "[[oyelaran-nothing|The company had three years to fix this, and it did nothing]]," she said, adding that the dockers would not return "[[oyelaran-contract|until every dock worker has a contract that pays for the hours we actually work]]."
"""),
("fam-a4", "Kessin Evening", "2026-04-03", "Minister: trade must not stop", """Transport minister Agnes Duval said the government would stay out of the port dispute.

"[[duval-trade|The government will not step in between the workers and the employers. But it will not let the country's trade stop]]," Duval said on Friday.

Marta Oyelaran, the union's leader, said: "[[oyelaran-contract|We are not going back until every docker has a contract that pays for the hours we actually work]]."
"""),
("fam-b1", "Valley Courier", "2026-07-14", "Fire crews hold the line above Tarvo", """Fire crews kept a wildfire from reaching the town of Tarvo overnight, but officials warned that the wind would pick up again on Tuesday.

"[[lindqvist-wind|If the wind turns north tonight, we will lose the ridge and the fire will be in the orchards by morning]]," fire chief Oskar Lindqvist said.

Lindqvist said no homes had burned. "[[lindqvist-homes|We have not lost a single house, and I intend to keep it that way]]."

Governor Elena Sarris, speaking in the regional capital, said: "[[sarris-help|Everyone who has had to leave their home will get help, and nobody will be asked to pay for it]]."

Resident Nora Ekdahl, 61, said "[[ekdahl-smoke|the smoke is so thick you cannot see the church from the square]]."
"""),
("fam-b2", "Nordwire", "2026-07-14", "Wind threatens Tarvo as wildfire burns", """TARVO, July 14 (Nordwire) - A wildfire burning above Tarvo could reach the town's orchards by morning if the wind shifts, the fire chief said on Monday.

"[[lindqvist-wind|If the wind turns north tonight we will lose the ridge, and the fire will be in the orchards by morning]]," chief Oskar Lindqvist told reporters.

Governor Elena Sarris said evacuated families would be looked after. "[[sarris-help|Every person who has had to leave home will be helped, and no one will have to pay]]," she said.

Sarris also rejected criticism of the regional fire service. "[[sarris-blame|This is not the moment to look for someone to blame]]," she said.
"""),
("fam-b3", "Tarvo Today", "2026-07-15", "Chief: not a single house lost", """Fire chief Oskar Lindqvist said on Tuesday that the town had come through the night without losing a home.

"[[lindqvist-homes|We have not lost a single house]]," he said, though he warned that the fire could be "[[lindqvist-wind|in the orchards by morning]]" if the wind turned north.

Governor Elena Sarris said: "[[sarris-blame|This is not the time to look for someone to blame]]."

She promised that evacuated families would not be left alone. "[[sarris-help|Everyone who had to leave their home will get help]]," Sarris said.
"""),
]

def main(outdir):
    docs, gold = [], []
    for did, src, date, title, text in DOCS:
        out = []
        pos = 0
        for m in re.finditer(r"\[\[([a-z-]+)\|(.*?)\]\]", text):
            out.append(text[pos:m.start()]); out.append(m.group(2)); pos = m.end()
            gold.append({"doc": did, "match": m.group(2),
                         "speaker": [SPEAKERS[m.group(1)]],
                         "family": m.group(1), "required": True})
        out.append(text[pos:])
        docs.append({"id": did, "source": src, "date": date, "title": title,
                     "text": "".join(out).strip() + "\n"})
    with open(outdir + "/docs.jsonl", "w") as f:
        for d in docs:
            f.write(json.dumps(d, ensure_ascii=False) + "\n")
    with open(outdir + "/gold.json", "w") as f:
        json.dump({"quotes": gold}, f, ensure_ascii=False, indent=0)
        f.write("\n")

main(sys.argv[1])
