"""geoevent"""
