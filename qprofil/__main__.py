from qprofil.cli import main

main()
