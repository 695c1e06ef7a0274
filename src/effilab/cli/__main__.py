from effilab.cli import run

run()
